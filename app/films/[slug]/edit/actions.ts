"use server";
import { serverAction } from "@/app/server-action";
import { editingHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import {
  fetchFactsInput,
  filmEditInput,
  filmLockInput,
  mergeFilmsInput,
  mergePeopleInput,
  personInput,
  proposalDecisionInput,
  revisionIdInput,
} from "@/lib/validation";

const handlers = editingHandlers(getDb);

export const saveFilmAction = serverAction(filmEditInput, handlers.saveFilm);
export const createPersonAction = serverAction(personInput, handlers.createPerson);
export const revertAction = serverAction(revisionIdInput, handlers.revert);
export const lockFilmAction = serverAction(filmLockInput, handlers.lock);
export const mergeFilmsAction = serverAction(mergeFilmsInput, handlers.mergeFilms);
export const mergePeopleAction = serverAction(mergePeopleInput, handlers.mergePeople);
export const decideProposalAction = serverAction(proposalDecisionInput, handlers.decideProposal);
export const fetchFactsAction = serverAction(fetchFactsInput, handlers.fetchFacts);

"use server";
import { serverAction } from "@/app/server-action";
import { listHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import {
  listEditInput,
  listIdInput,
  listItemInput,
  listItemRemoveInput,
  listNoteInput,
  listReorderInput,
} from "@/lib/validation";

const handlers = listHandlers(getDb);

export const editListAction = serverAction(listEditInput, handlers.edit);
export const deleteListAction = serverAction(listIdInput, handlers.remove);
export const addListFilmAction = serverAction(listItemInput, handlers.addFilm);
export const removeListFilmAction = serverAction(listItemRemoveInput, handlers.removeFilm);
export const setListNoteAction = serverAction(listNoteInput, handlers.setNote);
export const reorderListAction = serverAction(listReorderInput, handlers.reorder);

/**
 * Editors' actions on films and people. The handlers run once the action pipeline has its actor
 * and valid input (see ./index.ts).
 */
import type { z } from "zod";
import type {
  fetchFactsInput,
  filmEditInput,
  filmLockInput,
  mergeFilmsInput,
  mergePeopleInput,
  personInput,
  proposalDecisionInput,
  revisionIdInput,
} from "../../lib/validation";
import { inArray, eq } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import { configuredSources, acceptProposal, lookUpFilm, rejectProposal } from "../enrich/run";
import {
  assertEditor,
  createPerson,
  editFilm,
  mergeFilms,
  mergePeople,
  revertRevision,
  setFilmLocked,
} from "../queries/editing";
import { films, people } from "../schema";
import type { Actor } from "../queries/users";
import { reviewChangeTags, tags } from "../tags";
import type { ActionDb as Db } from "./index";

/** The editors' actions: facts and credits, people, reverts, locks, merges, proposals, look-ups. */
export function editingHandlers(db: Db) {
  const filmTags = (...slugs: string[]) => [
    tags.films,
    ...[...new Set(slugs)].flatMap((s) => [tags.film(s), ...reviewChangeTags(s)]),
  ];
  // a film's name and address also stand on chart weeks, lists and its people's filmographies
  const changeTags = (r: {
    slug: string;
    oldSlug: string;
    people: string[];
    changed: string[];
  }) => [
    ...filmTags(r.slug, r.oldSlug),
    ...r.people.map(tags.person),
    ...(r.slug !== r.oldSlug || r.changed.includes("title") || r.changed.includes("year")
      ? [tags.charts]
      : []),
  ];
  return {
    saveFilm: async (actor: Actor | null, input: z.infer<typeof filmEditInput>) => {
      const { filmId, credits, note, seenRevision, ...fields } = input;
      // a fact the request left out stays as it is
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const result = await editFilm(await db(), actor, {
        filmId,
        patch,
        credits,
        note: note ?? null,
        seenRevision,
      });
      return {
        data: result,
        tags: changeTags(result),
        message: result.changed.length ? "Saved." : "Nothing changed.",
      };
    },
    createPerson: async (actor: Actor | null, input: z.infer<typeof personInput>) => {
      const person = await createPerson(await db(), actor, input);
      return { data: person, tags: [], message: `${person.name} added.` };
    },
    revert: async (actor: Actor | null, input: z.infer<typeof revisionIdInput>) => {
      const result = await revertRevision(await db(), actor, input);
      return { data: result, tags: changeTags(result), message: "Reverted." };
    },
    lock: async (actor: Actor | null, input: z.infer<typeof filmLockInput>) => {
      const result = await setFilmLocked(await db(), actor, input);
      return {
        data: result,
        tags: filmTags(result.slug),
        message: input.locked ? "Locked: only moderators can change its facts." : "Unlocked.",
      };
    },
    mergeFilms: async (actor: Actor | null, input: z.infer<typeof mergeFilmsInput>) => {
      const database = await db();
      assertEditor(actor);
      const [duplicate] = await database
        .select({ id: films.id })
        .from(films)
        .where(eq(films.slug, input.duplicateSlug));
      if (!duplicate)
        throw new AppError("not_found", "No film has that address.", {
          duplicateSlug: "No film has that address.",
        });
      const result = await mergeFilms(database, actor, {
        survivorId: input.survivorId,
        duplicateId: duplicate.id,
      });
      return {
        data: result,
        tags: [
          ...filmTags(result.survivorSlug, result.oldSurvivorSlug, result.duplicateSlug),
          tags.charts,
          ...result.people.map(tags.person),
          ...result.reviews.map(tags.review),
          ...result.authors.map(tags.user),
        ],
        message: `Merged /films/${result.duplicateSlug} into this film.`,
      };
    },
    mergePeople: async (actor: Actor | null, input: z.infer<typeof mergePeopleInput>) => {
      const database = await db();
      assertEditor(actor);
      const found = await database
        .select({ id: people.id, slug: people.slug })
        .from(people)
        .where(inArray(people.slug, [input.survivorSlug, input.duplicateSlug]));
      const survivor = found.find((p) => p.slug === input.survivorSlug);
      const duplicate = found.find((p) => p.slug === input.duplicateSlug);
      if (!survivor || !duplicate)
        throw new AppError("not_found", "No person has one of those addresses.");
      const result = await mergePeople(database, actor, {
        survivorId: survivor.id,
        duplicateId: duplicate.id,
      });
      const filmSlugs = result.films.length
        ? (
            await database
              .select({ slug: films.slug })
              .from(films)
              .where(inArray(films.id, result.films))
          ).map((f) => f.slug)
        : [];
      return {
        data: result,
        tags: [
          tags.person(result.survivorSlug),
          tags.person(result.duplicateSlug),
          ...filmSlugs.map(tags.film),
        ],
        message: `Merged /people/${result.duplicateSlug} into /people/${result.survivorSlug}.`,
      };
    },
    decideProposal: async (actor: Actor | null, input: z.infer<typeof proposalDecisionInput>) => {
      const database = await db();
      if (input.decision === "reject") {
        await rejectProposal(database, actor, input);
        return { data: null, tags: [], message: "Rejected." };
      }
      const result = await acceptProposal(database, actor, {
        proposalId: input.proposalId,
        fields: input.fields,
        overrides: {},
      });
      return {
        data: result,
        tags: changeTags(result),
        message: result.changed.length ? "Applied." : "Nothing new to apply.",
      };
    },
    fetchFacts: async (actor: Actor | null, input: z.infer<typeof fetchFactsInput>) => {
      assertEditor(actor);
      const database = await db();
      const source = configuredSources(database)[input.source];
      if (!source)
        throw new AppError("invalid", "TMDB is not configured on this server (TMDB_API_KEY).");
      const result = await lookUpFilm(database, source, input.filmId);
      return {
        data: result,
        tags: [
          ...filmTags(...result.changedFilms),
          ...result.changedPeople.map(tags.person),
          ...(result.changedFilms.length ? [tags.charts] : []),
        ],
        message: `${input.source === "wikidata" ? "Wikidata" : "TMDB"}: ${result.outcome} — ${result.message}`,
      };
    },
  };
}

/**
 * Looking a film up at an outside source and acting on the answer; and the editors' decisions on
 * what was queued. Sources are reached through `FactSource` (lib/enrich), whose answers are kept
 * in `source_responses`, so a rerun makes no new requests.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { createTmdbSource } from "../../lib/enrich/tmdb";
import type { FactSource, FilmFacts, ResponseCache } from "../../lib/enrich/types";
import { SourceError } from "../../lib/enrich/types";
import { createWikidataSource } from "../../lib/enrich/wikidata";
import { AppError } from "../../lib/errors";
import type { Database, Executor } from "../index";
import { applyFilmChange, assertEditor, type FactPatch } from "../queries/editing";
import type { Actor } from "../queries/users";
import { factProposals, films, sourceResponses } from "../schema";
import {
  agreement,
  getFilmToMatch,
  isCertain,
  isContradicted,
  offerFacts,
  recordLookup,
  resolvePeople,
} from "./offer";

/** Outside sources' answers, kept in the database under their request URL. */
export function databaseCache(db: Executor, source: string): ResponseCache {
  return {
    async get(key) {
      const [row] = await db
        .select({ body: sourceResponses.body })
        .from(sourceResponses)
        .where(and(eq(sourceResponses.source, source), eq(sourceResponses.key, key)));
      return row?.body;
    },
    async set(key, value) {
      await db
        .insert(sourceResponses)
        .values({ source, key, body: value })
        .onConflictDoUpdate({
          target: [sourceResponses.source, sourceResponses.key],
          set: { body: value, fetchedAt: sql`now()` },
        });
    },
  };
}

export type SourceName = "wikidata" | "tmdb";

/**
 * The sources this server can ask: Wikidata always (no key; `WIKIDATA_URL` and
 * `WIKIDATA_SPARQL_URL` point it elsewhere for tests), TMDB when `TMDB_API_KEY` is set.
 */
export function configuredSources(
  db: Executor,
  env: Record<string, string | undefined> = process.env,
): Partial<Record<SourceName, FactSource>> {
  const sources: Partial<Record<SourceName, FactSource>> = {
    wikidata: createWikidataSource({
      baseUrl: env.WIKIDATA_URL,
      sparqlUrl: env.WIKIDATA_SPARQL_URL,
      cache: databaseCache(db, "wikidata"),
    }),
  };
  if (env.TMDB_API_KEY) {
    sources.tmdb = createTmdbSource({
      apiKey: env.TMDB_API_KEY,
      baseUrl: env.TMDB_URL,
      cache: databaseCache(db, "tmdb"),
    });
  }
  return sources;
}

export type LookupOutcome = "applied" | "queued" | "unchanged" | "not-found" | "failed";

export type LookupResult = {
  filmId: number;
  outcome: LookupOutcome;
  sourceId: string | null;
  message: string;
  /** Slugs whose pages changed (the film's old and new, and people's). */
  changedFilms: string[];
  changedPeople: string[];
};

/** How many candidates' details are read to judge a film: the best few are enough. */
const CANDIDATES_READ = 3;

/**
 * Asks one source about one film: its candidates' details are compared with what Reelrank knows
 * (title, year, runtime). One certain candidate is applied (what no better source set); anything
 * else is queued for an editor with the best candidate and the others named.
 */
export async function lookUpFilm(
  db: Database,
  source: FactSource,
  filmId: number,
): Promise<LookupResult> {
  const film = await getFilmToMatch(db, filmId);
  if (!film) throw new AppError("not_found", "That film does not exist.");
  const base = { filmId, changedFilms: [] as string[], changedPeople: [] as string[] };
  const done = async (outcome: LookupOutcome, sourceId: string | null, message: string) => {
    await recordLookup(db, { filmId, source: source.name, outcome, sourceId, message });
    return { ...base, outcome, sourceId, message };
  };
  try {
    const candidates = await source.search({
      title: film.title,
      originalTitle: film.originalTitle,
      year: film.year,
      runtimeMinutes: film.runtimeMinutes,
      originalLanguage: film.originalLanguage,
      netflixId: null, // Netflix's files carry no title ids
    });
    if (candidates.length === 0) return await done("not-found", null, "no candidate");
    const read: FilmFacts[] = [];
    for (const c of candidates.slice(0, CANDIDATES_READ))
      read.push(await source.details(c.sourceId));
    // a candidate whose known year or runtime disagrees is another film of the same name
    const judged = read
      .map((facts) => ({ facts, agrees: agreement(film, facts) }))
      .filter((j) => j.agrees.title && !isContradicted(j.agrees));
    const certain = judged.filter((j) => isCertain(j.agrees));
    const best = certain[0] ?? judged[0];
    const alternatives = judged.filter((j) => j !== best).map((j) => j.facts.sourceId);
    const confidence = judged.length > 1 ? "ambiguous" : "low";
    if (!best) {
      return await done(
        "not-found",
        null,
        `no candidate with this title (${read.map((f) => f.sourceId).join(", ")})`,
      );
    }
    const result = await db.transaction((tx) =>
      offerFacts(tx, film, best.facts, {
        certain: certain.length === 1,
        confidence,
        alternatives,
      }),
    );
    base.changedFilms.push(...result.slugs);
    base.changedPeople.push(...result.people);
    const message =
      result.outcome === "applied"
        ? `applied ${result.changed.join(", ")}`
        : result.outcome === "queued"
          ? certain.length === 1
            ? "sure match; values that differ from an editor's were queued"
            : `queued for an editor (${confidence})`
          : "nothing new";
    return await done(result.outcome, best.facts.sourceId, message);
  } catch (error) {
    if (error instanceof SourceError) return await done("failed", null, error.message);
    throw error;
  }
}

// ─── Editors' decisions ──────────────────────────────────────────────────────

export type ProposalView = {
  id: number;
  filmId: number;
  source: string;
  url: string | null;
  confidence: string;
  facts: Record<string, unknown>;
  createdAt: Date;
};

export async function listPendingProposals(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<ProposalView[]> {
  return db
    .select({
      id: factProposals.id,
      filmId: factProposals.filmId,
      source: factProposals.source,
      url: factProposals.url,
      confidence: factProposals.confidence,
      facts: factProposals.facts,
      createdAt: factProposals.createdAt,
    })
    .from(factProposals)
    .where(and(eq(factProposals.filmId, filmId), eq(factProposals.status, "pending")))
    .orderBy(desc(factProposals.createdAt), asc(factProposals.id));
}

type ProposedCredit = Parameters<typeof resolvePeople>[1][number];

/**
 * An editor takes a proposal, all of it or the fields they tick, with their own corrections:
 * the facts are applied in the source's name (the revision names the editor who took them).
 */
export async function acceptProposal(
  db: Database,
  actorOrNull: Actor | null,
  input: { proposalId: number; fields: string[]; overrides: FactPatch },
) {
  const actor = assertEditor(actorOrNull);
  return db.transaction(async (tx) => {
    const [proposal] = await tx
      .select()
      .from(factProposals)
      .where(eq(factProposals.id, input.proposalId))
      .for("update");
    if (!proposal) throw new AppError("not_found", "That proposal does not exist.");
    if (proposal.status !== "pending")
      throw new AppError("conflict", "That proposal was already decided.");
    const [film] = await tx
      .select({ lockedAt: films.lockedAt })
      .from(films)
      .where(eq(films.id, proposal.filmId));
    if (film?.lockedAt && actor.role !== "moderator" && actor.role !== "admin")
      throw new AppError("forbidden", "A moderator has locked this film's facts.");
    const take = new Set(input.fields);
    const patch: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(proposal.facts)) {
      if (field === "credits" || field === "alternatives" || !take.has(field)) continue;
      patch[field] = value;
    }
    Object.assign(patch, input.overrides);
    const proposedCredits = take.has("credits")
      ? (proposal.facts.credits as ProposedCredit[] | undefined)
      : undefined;
    const result = await applyFilmChange(tx, {
      filmId: proposal.filmId,
      source: proposal.source,
      userId: actor.id,
      patch: patch,
      credits: proposedCredits
        ? await resolvePeople(tx, proposedCredits, proposal.filmId)
        : undefined,
      note: `Accepted proposal ${proposal.id}`,
    });
    await tx
      .update(factProposals)
      .set({ status: "accepted", decidedBy: actor.id, decidedAt: sql`now()` })
      .where(eq(factProposals.id, proposal.id));
    return result;
  });
}

export async function rejectProposal(
  db: Database,
  actorOrNull: Actor | null,
  { proposalId }: { proposalId: number },
): Promise<{ filmId: number }> {
  const actor = assertEditor(actorOrNull);
  return db.transaction(async (tx) => {
    const [proposal] = await tx
      .select()
      .from(factProposals)
      .where(eq(factProposals.id, proposalId))
      .for("update");
    if (!proposal) throw new AppError("not_found", "That proposal does not exist.");
    if (proposal.status !== "pending")
      throw new AppError("conflict", "That proposal was already decided.");
    await tx
      .update(factProposals)
      .set({ status: "rejected", decidedBy: actor.id, decidedAt: sql`now()` })
      .where(eq(factProposals.id, proposalId));
    return { filmId: proposal.filmId };
  });
}

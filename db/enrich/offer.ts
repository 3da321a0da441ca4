/**
 * What happens to the facts a source offers for a film: applied at once when the match is
 * certain, otherwise queued as a proposal for an editor. A value an editor set is never
 * overwritten: where the source says something else, that becomes a proposal too.
 */
import { and, eq, sql } from "drizzle-orm";
import type { FilmFacts, PersonFacts } from "../../lib/enrich/types";
import { normalizeTitle, runtimesAgree } from "../../lib/top10/match";
import { EDITORS, mayOverwrite } from "../../lib/sources";
import type { Executor } from "../index";
import {
  applyFilmChange,
  insertPerson,
  type CreditEntry,
  type FactPatch,
} from "../queries/editing";
import { credits, enrichmentLookups, factProposals, films, people } from "../schema";

/** What Reelrank knows of a film, to judge a source's candidate against. */
export type FilmToMatch = {
  id: number;
  title: string;
  originalTitle: string | null;
  year: number | null;
  runtimeMinutes: number | null;
  originalLanguage: string | null;
  /** The first week it charted: no film charts before it comes out. */
  firstCharted: string | null;
  netflixReleaseDate: string | null;
};

export async function getFilmToMatch(tx: Executor, filmId: number): Promise<FilmToMatch | null> {
  const [row] = await tx
    .select({
      id: films.id,
      title: films.title,
      originalTitle: films.originalTitle,
      year: films.year,
      runtimeMinutes: films.runtimeMinutes,
      originalLanguage: films.originalLanguage,
      netflixReleaseDate: films.netflixReleaseDate,
      // qualified by hand: inside the subquery a bare "id" would be chart_entries.id
      firstCharted: sql<
        string | null
      >`(select min(ce.week) from chart_entries ce where ce.film_id = films.id)`,
    })
    .from(films)
    .where(eq(films.id, filmId));
  return row ?? null;
}

/** Each of title, year and runtime: agrees (true), disagrees (false), or cannot be told (null). */
export type Agreement = { title: boolean; year: boolean | null; runtime: boolean | null };

/**
 * Whether a source's film is ours: the title (or original title) the same, the runtime within a
 * few minutes, and the year the same (a year apart at most: festival and release years differ).
 * A film whose year no source has given yet can only be bounded: the candidate must have come out
 * by the week the film first charted on Netflix (and by its Netflix premiere).
 */
export function agreement(
  film: FilmToMatch,
  facts: Pick<FilmFacts, "title" | "originalTitle" | "year" | "runtimeMinutes">,
): Agreement {
  const ours = new Set(
    [film.title, film.originalTitle].filter((t): t is string => !!t).map(normalizeTitle),
  );
  const theirs = [facts.title, facts.originalTitle]
    .filter((t): t is string => !!t)
    .map(normalizeTitle);
  const title = theirs.some((t) => ours.has(t));
  let year: boolean | null = null;
  if (facts.year != null) {
    if (film.year != null) year = Math.abs(film.year - facts.year) <= 1;
    else {
      const bound = [film.firstCharted, film.netflixReleaseDate]
        .filter((d): d is string => !!d)
        .map((d) => Number(d.slice(0, 4)));
      if (bound.length) year = bound.every((b) => facts.year! <= b);
    }
  }
  const runtime =
    film.runtimeMinutes != null && facts.runtimeMinutes != null
      ? runtimesAgree(film.runtimeMinutes, facts.runtimeMinutes)
      : null;
  return { title, year, runtime };
}

/** Title, year and runtime all agree: the source's film is ours. */
export const isCertain = (a: Agreement) => a.title && a.year === true && a.runtime === true;

/** Something known disagrees: the source's film is another one of the same name. */
export const isContradicted = (a: Agreement) => !a.title || a.year === false || a.runtime === false;

/** The facts of a source in the film's own terms (the title stays Netflix's). */
function patchFrom(facts: FilmFacts): FactPatch {
  const patch: FactPatch = {
    originalTitle: facts.originalTitle,
    originalLanguage: facts.originalLanguage,
    year: facts.year,
    releaseDate: facts.releaseDate,
    runtimeMinutes: facts.runtimeMinutes,
    synopsis: facts.synopsis,
  };
  if (facts.countries.length) patch.countries = facts.countries;
  if (facts.genres.length) patch.genres = facts.genres;
  for (const key of Object.keys(patch) as (keyof FactPatch)[])
    if (patch[key] == null) delete patch[key];
  return patch;
}

type ProposedCredit = { role: CreditEntry["role"]; character: string | null; person: PersonFacts };

function creditsFrom(facts: FilmFacts): ProposedCredit[] {
  return [
    ...facts.directors.map((person) => ({ role: "director" as const, character: null, person })),
    ...facts.writers.map((person) => ({ role: "writer" as const, character: null, person })),
    ...facts.cast.map(({ character, ...person }) => ({ role: "cast" as const, character, person })),
  ];
}

/**
 * The people a source names, as Reelrank's: found by the source's id for them, else created with
 * it. Never by name alone — two actors can share one (Kim Ji-hoon).
 */
export async function resolvePeople(
  tx: Executor,
  list: ProposedCredit[],
  filmId?: number,
): Promise<CreditEntry[]> {
  // people already credited on this film, by name: a source without ids for people (the
  // catalogue) names the same people again on a rerun, and they must not be created twice
  const onFilm = new Map<string, number>();
  if (filmId != null) {
    const rows = await tx
      .select({ id: people.id, name: people.name })
      .from(credits)
      .innerJoin(people, eq(people.id, credits.personId))
      .where(eq(credits.filmId, filmId));
    for (const r of rows) onFilm.set(normalizeTitle(r.name), r.id);
  }
  const out: CreditEntry[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    const [kind, id] = (c.person.sourceId ?? "").split(":");
    const column =
      kind === "wikidata" ? people.wikidataId : kind === "tmdb-person" ? people.tmdbId : null;
    let personId: number | undefined;
    if (column && id) {
      const value = kind === "wikidata" ? id : Number(id);
      const [found] = await tx.select({ id: people.id }).from(people).where(eq(column, value));
      personId = found?.id;
    }
    if (personId == null && !column) personId = onFilm.get(normalizeTitle(c.person.name));
    personId ??= (
      await insertPerson(tx, {
        name: c.person.name,
        nativeName: c.person.nativeName,
        wikidataId: kind === "wikidata" ? (id ?? null) : null,
        tmdbId: kind === "tmdb-person" && id ? Number(id) : null,
      })
    ).id;
    onFilm.set(normalizeTitle(c.person.name), personId);
    const key = `${personId}:${c.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ personId, role: c.role, character: c.character });
  }
  return out;
}

function externalIds(sourceId: string) {
  const [kind, id] = sourceId.split(":");
  if (kind === "wikidata" && id) return { wikidataId: id };
  if (kind === "tmdb" && id) return { tmdbId: Number(id) };
  return {};
}

export type OfferOutcome = "applied" | "queued" | "unchanged";

/**
 * Offers one source's facts for a film. `certain`: the match is sure (see `isCertain`), so what
 * no better source set is applied at once, and what an editor set differently is proposed;
 * otherwise everything is proposed. Runs in the caller's transaction.
 */
export async function offerFacts(
  tx: Executor,
  film: FilmToMatch,
  facts: FilmFacts,
  {
    certain,
    confidence,
    alternatives = [],
  }: { certain: boolean; confidence: string; alternatives?: string[] },
): Promise<{
  outcome: OfferOutcome;
  changed: string[];
  slug: string | null;
  /** The film's slugs before and after, when its page changed. */
  slugs: string[];
  people: string[];
}> {
  const patch = patchFrom(facts);
  const proposedCredits = creditsFrom(facts);
  const [current] = await tx
    .select({
      factSources: films.factSources,
      lockedAt: films.lockedAt,
      wikidataId: films.wikidataId,
      tmdbId: films.tmdbId,
    })
    .from(films)
    .where(eq(films.id, film.id));
  if (!current) return { outcome: "unchanged", changed: [], slug: null, slugs: [], people: [] };

  if (certain && !current.lockedAt) {
    const ids = externalIds(facts.sourceId);
    const idTaken = await externalIdTaken(tx, film.id, ids);
    const creditsAllowed =
      proposedCredits.length > 0 && mayOverwrite(current.factSources.credits, facts.sourceId);
    const result = await applyFilmChange(tx, {
      filmId: film.id,
      source: facts.sourceId,
      userId: null,
      patch,
      credits: creditsAllowed ? await resolvePeople(tx, proposedCredits, film.id) : undefined,
      extra: {
        ...(idTaken ? {} : ids),
        ...(facts.maturityRating ? { maturityRating: facts.maturityRating } : {}),
      },
      respectSources: true,
    });
    // where an editor wrote something else, the source's value is left for an editor to weigh
    const [after] = await tx.select().from(films).where(eq(films.id, film.id));
    const differing: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (after!.factSources[field] !== EDITORS) continue;
      if (JSON.stringify(after![field as keyof typeof after]) !== JSON.stringify(value))
        differing[field] = value;
    }
    if (
      !creditsAllowed &&
      proposedCredits.length &&
      after!.factSources.credits === EDITORS &&
      !(await sameNames(tx, film.id, proposedCredits))
    )
      differing.credits = proposedCredits;
    if (Object.keys(differing).length) {
      await queueProposal(tx, film.id, facts, differing, "conflict", alternatives);
    }
    return {
      outcome: result.changed.length
        ? "applied"
        : Object.keys(differing).length
          ? "queued"
          : "unchanged",
      changed: result.changed,
      slug: result.slug,
      slugs: result.changed.length ? [...new Set([result.oldSlug, result.slug])] : [],
      people: result.people,
    };
  }
  const proposal: Record<string, unknown> = { ...patch };
  if (proposedCredits.length) proposal.credits = proposedCredits;
  await queueProposal(
    tx,
    film.id,
    facts,
    proposal,
    current.lockedAt ? "locked" : confidence,
    alternatives,
  );
  return { outcome: "queued", changed: [], slug: null, slugs: [], people: [] };
}

async function externalIdTaken(
  tx: Executor,
  filmId: number,
  ids: { wikidataId?: string; tmdbId?: number },
) {
  if (ids.wikidataId) {
    const [other] = await tx
      .select({ id: films.id })
      .from(films)
      .where(eq(films.wikidataId, ids.wikidataId));
    return other != null && other.id !== filmId;
  }
  if (ids.tmdbId) {
    const [other] = await tx
      .select({ id: films.id })
      .from(films)
      .where(eq(films.tmdbId, ids.tmdbId));
    return other != null && other.id !== filmId;
  }
  return false;
}

/** One pending proposal per film and source: a newer look-up replaces the older one. */
async function queueProposal(
  tx: Executor,
  filmId: number,
  facts: FilmFacts,
  proposed: Record<string, unknown>,
  confidence: string,
  alternatives: string[],
) {
  const sourceKind = facts.sourceId.split(":")[0]!;
  const body = alternatives.length ? { ...proposed, alternatives } : proposed;
  const [same] = await tx
    .select({ id: factProposals.id })
    .from(factProposals)
    .where(
      and(
        eq(factProposals.filmId, filmId),
        eq(factProposals.status, "pending"),
        eq(factProposals.source, facts.sourceId),
        eq(factProposals.confidence, confidence),
        sql`${factProposals.facts} = ${JSON.stringify(body)}::jsonb`,
      ),
    );
  if (same) return; // the same proposal is already waiting
  await tx
    .update(factProposals)
    .set({ status: "superseded", decidedAt: sql`now()` })
    .where(
      and(
        eq(factProposals.filmId, filmId),
        eq(factProposals.status, "pending"),
        sql`split_part(${factProposals.source}, ':', 1) = ${sourceKind}`,
      ),
    );
  await tx.insert(factProposals).values({
    filmId,
    source: facts.sourceId,
    url: facts.url,
    confidence,
    facts: body,
  });
}

/** Records what a look-up came to, so the next run skips what was done. */
export async function recordLookup(
  tx: Executor,
  row: {
    filmId: number;
    source: string;
    outcome: string;
    sourceId: string | null;
    message: string | null;
  },
) {
  await tx
    .insert(enrichmentLookups)
    .values(row)
    .onConflictDoUpdate({
      target: [enrichmentLookups.filmId, enrichmentLookups.source],
      set: {
        outcome: row.outcome,
        sourceId: row.sourceId,
        message: row.message,
        lookedUpAt: sql`now()`,
      },
    });
}

/** Whether a film already has its credits, for choosing which films to look up first. */
export async function hasCredits(tx: Executor, filmId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: credits.id })
    .from(credits)
    .where(eq(credits.filmId, filmId))
    .limit(1);
  return row != null;
}

/**
 * Whether a source names the same people in the same roles and order as the film has: then its
 * credits are no news, though its people are other records (`Jeon Jong-seo` = `Jeon Jong Seo`).
 */
async function sameNames(
  tx: Executor,
  filmId: number,
  proposed: ProposedCredit[],
): Promise<boolean> {
  const current = await tx
    .select({ role: credits.role, name: people.name, nativeName: people.nativeName })
    .from(credits)
    .innerJoin(people, eq(people.id, credits.personId))
    .where(eq(credits.filmId, filmId))
    .orderBy(credits.role, credits.billingOrder);
  const key = (role: string, name: string) => `${role}:${normalizeTitle(name)}`;
  const ours = current.map((c) => key(c.role, c.name));
  const theirs = proposed.map((c) => key(c.role, c.person.name));
  const byRole = (list: string[]) =>
    [...list].sort((a, b) => a.split(":")[0]!.localeCompare(b.split(":")[0]!));
  return JSON.stringify(byRole(ours)) === JSON.stringify(byRole(theirs));
}

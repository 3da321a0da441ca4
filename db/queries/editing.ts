/**
 * Changing a film's facts and credits. Every change — an editor's save, a source applied, a
 * proposal accepted, a revert, a merge — goes through `applyFilmChange`, which writes the change,
 * records which source set each fact, and appends a revision with the values before and after,
 * all in the caller's transaction.
 */
import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { AppError, notSignedIn } from "../../lib/errors";
import { uniqueFilmSlug, slugify } from "../../lib/slug";
import { EDITORS, mayOverwrite, sourceRank, type SourceId } from "../../lib/sources";
import type { Database, Executor } from "../index";
import {
  chartEntries,
  credits,
  engagementEntries,
  factProposals,
  filmRatingStats,
  filmRevisions,
  films,
  mostPopularEntries,
  people,
  reviewComments,
  reviewLikes,
  reviewRevisions,
  reviews,
  slugRedirects,
  type CreditRole,
  type Film,
} from "../schema";
import { recountRatingStats } from "./reviews";
import type { Actor } from "./users";

// ─── Who may edit ────────────────────────────────────────────────────────────

const EDITING_ROLES = new Set(["editor", "moderator", "admin"]);

/** An editor (moderators and admins are editors too), not silenced, suspended or banned. */
export function assertEditor(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  if (!EDITING_ROLES.has(actor.role)) throw new AppError("forbidden", "Only editors can do that.");
  if (actor.restriction) throw new AppError("forbidden", "Your account is restricted.");
  return actor;
}

const isModerator = (actor: Actor) => actor.role === "moderator" || actor.role === "admin";

// ─── The facts an editor can change ──────────────────────────────────────────

export const FACT_FIELDS = [
  "title",
  "originalTitle",
  "year",
  "releaseDate",
  "runtimeMinutes",
  "originalLanguage",
  "countries",
  "synopsis",
  "genres",
] as const;
export type FactField = (typeof FACT_FIELDS)[number];
export type FactPatch = Partial<Pick<Film, FactField>>;

/** A credit as stored: billing order is the position within its role. */
export type CreditEntry = { personId: number; role: CreditRole; character: string | null };

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function creditsOf(tx: Executor, filmId: number): Promise<CreditEntry[]> {
  return tx
    .select({ personId: credits.personId, role: credits.role, character: credits.character })
    .from(credits)
    .where(eq(credits.filmId, filmId))
    .orderBy(asc(credits.role), asc(credits.billingOrder), asc(credits.id));
}

async function lockFilmRow(tx: Executor, filmId: number): Promise<Film> {
  const [film] = await tx.select().from(films).where(eq(films.id, filmId)).for("update");
  if (!film) throw new AppError("not_found", "That film does not exist.");
  return film;
}

export type FilmChange = {
  filmId: number;
  source: SourceId;
  userId: string | null;
  patch?: FactPatch;
  credits?: CreditEntry[];
  /** Extra facts a source brings that editors do not edit here (ids, maturity rating). */
  extra?: Partial<Pick<Film, "wikidataId" | "tmdbId" | "maturityRating">>;
  /** Whether to respect the ranking of sources (a source never overwrites an editor). */
  respectSources?: boolean;
  revertOf?: number | null;
  note?: string | null;
};

export type FilmChangeResult = {
  revisionId: number | null;
  slug: string;
  oldSlug: string;
  changed: string[];
  /** Slugs of people whose filmography changed. */
  people: string[];
};

/**
 * Applies a change to a film in the caller's transaction and records it as a revision. Fields
 * whose value is the same are left alone; with `respectSources`, fields set by a better source
 * are left alone too (an editor's value is never overwritten by Wikidata, say).
 */
export async function applyFilmChange(tx: Executor, change: FilmChange): Promise<FilmChangeResult> {
  const film = await lockFilmRow(tx, change.filmId);
  const sources = { ...film.factSources };
  const set: Record<string, unknown> = {};
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of FACT_FIELDS) {
    if (!change.patch || !(field in change.patch)) continue;
    const after = change.patch[field] ?? null;
    if (sameValue(film[field], after)) {
      // the same value from a better source: cite that one
      if (after != null && sourceRank(change.source) > sourceRank(sources[field])) {
        sources[field] = change.source;
      }
      continue;
    }
    if (change.respectSources && !mayOverwrite(sources[field], change.source)) continue;
    if (field === "title" && !after) continue; // a film always has a title
    set[field] = after;
    diff[field] = { before: film[field], after };
    if (after == null || (Array.isArray(after) && after.length === 0)) delete sources[field];
    else sources[field] = change.source;
  }
  for (const [field, value] of Object.entries(change.extra ?? {})) {
    const key = field as keyof NonNullable<FilmChange["extra"]>;
    if (value == null || sameValue(film[key], value)) continue;
    set[field] = value;
    diff[field] = { before: film[key], after: value };
  }

  let peopleChanged: string[] = [];
  if (change.credits) {
    const before = await creditsOf(tx, film.id);
    const creditsSource = sources.credits;
    const allowed = !change.respectSources || mayOverwrite(creditsSource, change.source);
    if (allowed && !sameValue(before, change.credits)) {
      await tx.delete(credits).where(eq(credits.filmId, film.id));
      const order = new Map<CreditRole, number>();
      const rows = change.credits.map((c) => {
        const n = order.get(c.role) ?? 0;
        order.set(c.role, n + 1);
        return {
          filmId: film.id,
          personId: c.personId,
          role: c.role,
          character: c.character,
          billingOrder: n,
        };
      });
      if (rows.length) await tx.insert(credits).values(rows);
      diff.credits = { before, after: change.credits };
      if (change.credits.length) sources.credits = change.source;
      else delete sources.credits;
      const ids = [...new Set([...before, ...change.credits].map((c) => c.personId))];
      if (ids.length) {
        peopleChanged = (
          await tx.select({ slug: people.slug }).from(people).where(inArray(people.id, ids))
        ).map((p) => p.slug);
      }
    }
  }

  if (Object.keys(diff).length === 0) {
    if (!sameValue(sources, film.factSources)) {
      await tx.update(films).set({ factSources: sources }).where(eq(films.id, film.id));
    }
    return { revisionId: null, slug: film.slug, oldSlug: film.slug, changed: [], people: [] };
  }

  let slug = film.slug;
  const title = (set.title as string | undefined) ?? film.title;
  const year = "year" in set ? (set.year as number | null) : film.year;
  if (title !== film.title || year !== film.year) {
    // the address follows the title and year; the old one redirects (slug_redirects trigger)
    const wanted = uniqueFilmSlug(title, year, new Set());
    const taken = new Set(
      (
        await tx
          .select({ slug: films.slug })
          .from(films)
          .where(and(ne(films.id, film.id), sql`${films.slug} like ${`${wanted}%`}`))
      ).map((r) => r.slug),
    );
    slug = uniqueFilmSlug(title, year, taken);
  }
  await tx
    .update(films)
    .set({ ...set, slug, factSources: sources, updatedAt: sql`now()` })
    .where(eq(films.id, film.id));
  const [revision] = await tx
    .insert(filmRevisions)
    .values({
      filmId: film.id,
      userId: change.userId,
      source: change.source,
      changes: diff,
      revertOf: change.revertOf ?? null,
      note: change.note ?? null,
    })
    .returning({ id: filmRevisions.id });
  return {
    revisionId: revision!.id,
    slug,
    oldSlug: film.slug,
    changed: Object.keys(diff),
    people: peopleChanged,
  };
}

function assertMayEdit(actor: Actor, film: Pick<Film, "lockedAt">) {
  if (film.lockedAt && !isModerator(actor)) {
    throw new AppError("forbidden", "A moderator has locked this film's facts.");
  }
}

/** An editor's save of the edit form: facts and credits, one revision. */
export async function editFilm(
  db: Database,
  actorOrNull: Actor | null,
  input: { filmId: number; patch: FactPatch; credits: CreditEntry[] | null; note: string | null },
): Promise<FilmChangeResult> {
  const actor = assertEditor(actorOrNull);
  return db.transaction(async (tx) => {
    const film = await lockFilmRow(tx, input.filmId);
    assertMayEdit(actor, film);
    if (input.credits) await assertPeopleExist(tx, input.credits);
    return applyFilmChange(tx, {
      filmId: film.id,
      source: EDITORS,
      userId: actor.id,
      patch: input.patch,
      credits: input.credits ?? undefined,
      note: input.note,
    });
  });
}

async function assertPeopleExist(tx: Executor, list: CreditEntry[]) {
  const ids = [...new Set(list.map((c) => c.personId))];
  if (ids.length === 0) return;
  const found = await tx.select({ id: people.id }).from(people).where(inArray(people.id, ids));
  if (found.length !== ids.length)
    throw new AppError("invalid", "A credited person does not exist.");
  const seen = new Set<string>();
  for (const c of list) {
    const key = `${c.personId}:${c.role}`;
    if (seen.has(key)) throw new AppError("invalid", "A person is credited twice in one role.");
    seen.add(key);
  }
}

/**
 * Puts back what a revision changed, as a new revision. Refused when a field has changed again
 * since, so a revert never silently undoes someone else's later work.
 */
export async function revertRevision(
  db: Database,
  actorOrNull: Actor | null,
  { revisionId }: { revisionId: number },
): Promise<FilmChangeResult> {
  const actor = assertEditor(actorOrNull);
  return db.transaction(async (tx) => {
    const [revision] = await tx
      .select()
      .from(filmRevisions)
      .where(eq(filmRevisions.id, revisionId));
    if (!revision) throw new AppError("not_found", "That revision does not exist.");
    const film = await lockFilmRow(tx, revision.filmId);
    assertMayEdit(actor, film);
    const current = await creditsOf(tx, film.id);
    const moved: string[] = [];
    const patch: Record<string, unknown> = {};
    let creditList: CreditEntry[] | undefined;
    for (const [field, { before, after }] of Object.entries(revision.changes)) {
      const now = field === "credits" ? current : film[field as keyof Film];
      if (!sameValue(now, after)) moved.push(field);
      else if (field === "credits") creditList = before as CreditEntry[];
      else patch[field] = before;
    }
    if (moved.length) {
      throw new AppError(
        "conflict",
        `Changed again since this revision (${moved.join(", ")}): revert the later change first.`,
      );
    }
    const { wikidataId, tmdbId, maturityRating, ...facts } = patch as FactPatch &
      NonNullable<FilmChange["extra"]>;
    const result = await applyFilmChange(tx, {
      filmId: film.id,
      source: EDITORS,
      userId: actor.id,
      patch: facts,
      credits: creditList,
      revertOf: revision.id,
      note: `Revert of revision ${revision.id}`,
    });
    // ids and ratings from a source go back too, as stored before
    const extra = Object.fromEntries(
      Object.entries({ wikidataId, tmdbId, maturityRating }).filter(([k]) => k in patch),
    );
    if (Object.keys(extra).length) await tx.update(films).set(extra).where(eq(films.id, film.id));
    return result;
  });
}

/** Moderators lock a film's facts against edits by editors (and by sources), and unlock them. */
export async function setFilmLocked(
  db: Database,
  actorOrNull: Actor | null,
  { filmId, locked }: { filmId: number; locked: boolean },
): Promise<{ slug: string }> {
  const actor = assertEditor(actorOrNull);
  if (!isModerator(actor)) throw new AppError("forbidden", "Only moderators can lock a film.");
  return db.transaction(async (tx) => {
    const film = await lockFilmRow(tx, filmId);
    await tx
      .update(films)
      .set({ lockedAt: locked ? sql`now()` : null })
      .where(eq(films.id, film.id));
    await tx.insert(filmRevisions).values({
      filmId: film.id,
      userId: actor.id,
      source: EDITORS,
      changes: { locked: { before: film.lockedAt != null, after: locked } },
    });
    return { slug: film.slug };
  });
}

// ─── People ──────────────────────────────────────────────────────────────────

export type PersonHit = { id: number; slug: string; name: string; nativeName: string | null };

/** People whose name or native name contains the query, names that start with it first. */
export async function searchPeople(db: Executor, { q, limit = 10 }: { q: string; limit?: number }) {
  const query = q.trim().toLowerCase();
  if (!query) return [];
  const like = `%${query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return db
    .select({ id: people.id, slug: people.slug, name: people.name, nativeName: people.nativeName })
    .from(people)
    .where(
      sql`lower(${people.name}) like ${like} or lower(coalesce(${people.nativeName}, '')) like ${like}`,
    )
    .orderBy(
      sql`(lower(${people.name}) like ${`${query}%`} or lower(coalesce(${people.nativeName}, '')) like ${`${query}%`}) desc`,
      asc(people.name),
    )
    .limit(limit);
}

/** A person added by an editor (or a source): a unique slug from the name. */
export async function insertPerson(
  tx: Executor,
  input: {
    name: string;
    nativeName: string | null;
    wikidataId?: string | null;
    tmdbId?: number | null;
  },
): Promise<PersonHit> {
  const base = slugify(input.name) || "person";
  const taken = new Set(
    (
      await tx
        .select({ slug: people.slug })
        .from(people)
        .where(sql`${people.slug} like ${`${base}%`}`)
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [row] = await tx
    .insert(people)
    .values({
      slug,
      name: input.name,
      nativeName: input.nativeName,
      wikidataId: input.wikidataId ?? null,
      tmdbId: input.tmdbId ?? null,
    })
    .returning({
      id: people.id,
      slug: people.slug,
      name: people.name,
      nativeName: people.nativeName,
    });
  return row!;
}

export async function createPerson(
  db: Database,
  actorOrNull: Actor | null,
  input: { name: string; nativeName: string | null },
): Promise<PersonHit> {
  assertEditor(actorOrNull);
  return db.transaction((tx) => insertPerson(tx, input));
}

// ─── Merging duplicates ──────────────────────────────────────────────────────

/**
 * Merges a duplicate film into the one that stays: chart weeks, engagement figures, credits,
 * reviews (with their likes and comments) and proposals move; a reader who reviewed both keeps
 * the newer review, the other becomes one of its earlier versions. The duplicate's address
 * redirects to the survivor. Rating aggregates are recounted in the same transaction.
 */
export async function mergeFilms(
  db: Database,
  actorOrNull: Actor | null,
  { survivorId, duplicateId }: { survivorId: number; duplicateId: number },
): Promise<{ survivorSlug: string; duplicateSlug: string }> {
  const actor = assertEditor(actorOrNull);
  if (survivorId === duplicateId) throw new AppError("invalid", "Pick two different films.");
  return db.transaction(async (tx) => {
    // lock both in id order, so two merges of the same pair cannot deadlock
    const [first, second] = [survivorId, duplicateId].sort((a, b) => a - b);
    const locked = [await lockFilmRow(tx, first!), await lockFilmRow(tx, second!)];
    const survivor = locked.find((f) => f.id === survivorId)!;
    const duplicate = locked.find((f) => f.id === duplicateId)!;
    for (const f of locked) assertMayEdit(actor, f);

    await tx
      .update(chartEntries)
      .set({ filmId: survivor.id })
      .where(eq(chartEntries.filmId, duplicate.id));
    await tx
      .update(mostPopularEntries)
      .set({ filmId: survivor.id })
      .where(eq(mostPopularEntries.filmId, duplicate.id));
    await tx
      .update(engagementEntries)
      .set({ filmId: survivor.id })
      .where(eq(engagementEntries.filmId, duplicate.id));
    await tx
      .update(factProposals)
      .set({ filmId: survivor.id })
      .where(eq(factProposals.filmId, duplicate.id));
    await tx
      .update(filmRevisions)
      .set({ filmId: survivor.id })
      .where(eq(filmRevisions.filmId, duplicate.id));

    // credits: the survivor's list first, then the duplicate's people it lacks
    const kept = await creditsOf(tx, survivor.id);
    const extra = (await creditsOf(tx, duplicate.id)).filter(
      (c) => !kept.some((k) => k.personId === c.personId && k.role === c.role),
    );

    // reviews: move those whose author did not review the survivor; for the others keep the newer
    const theirs = await tx.select().from(reviews).where(eq(reviews.filmId, duplicate.id));
    for (const review of theirs) {
      const [ours] = await tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.filmId, survivor.id), eq(reviews.userId, review.userId)));
      if (!ours) {
        await tx.update(reviews).set({ filmId: survivor.id }).where(eq(reviews.id, review.id));
        continue;
      }
      const [newer, older] = ours.updatedAt >= review.updatedAt ? [ours, review] : [review, ours];
      // the older review's text and rating are kept as an earlier version of the newer one
      await tx.insert(reviewRevisions).values({
        reviewId: newer.id,
        rating: older.rating,
        body: older.body,
        containsSpoilers: older.containsSpoilers,
        watchedOn: older.watchedOn,
        replacedAt: older.updatedAt,
      });
      await tx
        .update(reviewComments)
        .set({ reviewId: newer.id })
        .where(eq(reviewComments.reviewId, older.id));
      await tx.execute(sql`
        insert into review_likes (review_id, user_id, created_at)
        select ${newer.id}, user_id, created_at from review_likes where review_id = ${older.id}
        on conflict do nothing`);
      await tx.delete(reviewLikes).where(eq(reviewLikes.reviewId, older.id));
      await tx
        .update(reviewRevisions)
        .set({ reviewId: newer.id })
        .where(eq(reviewRevisions.reviewId, older.id));
      await tx.delete(reviews).where(eq(reviews.id, older.id));
      await tx
        .update(reviews)
        .set({
          filmId: survivor.id,
          likesCount: sql`(select count(*) from review_likes where review_id = ${newer.id})`,
          commentsCount: sql`(select count(*) from review_comments where review_id = ${newer.id} and deleted_at is null)`,
        })
        .where(eq(reviews.id, newer.id));
    }

    // the duplicate's old addresses, and its own, now lead to the survivor
    await tx
      .update(slugRedirects)
      .set({ targetId: survivor.id })
      .where(and(eq(slugRedirects.kind, "film"), eq(slugRedirects.targetId, duplicate.id)));
    await tx.delete(films).where(eq(films.id, duplicate.id));
    await tx
      .insert(slugRedirects)
      .values({ kind: "film", slug: duplicate.slug, targetId: survivor.id })
      .onConflictDoUpdate({
        target: [slugRedirects.kind, slugRedirects.slug],
        set: { targetId: survivor.id },
      });

    // facts the survivor lacks come from the duplicate
    const patch: FactPatch = {};
    for (const field of FACT_FIELDS) {
      const mine = survivor[field];
      const empty = mine == null || (Array.isArray(mine) && mine.length === 0);
      if (empty && duplicate[field] != null)
        (patch as Record<string, unknown>)[field] = duplicate[field];
    }
    await applyFilmChange(tx, {
      filmId: survivor.id,
      source: EDITORS,
      userId: actor.id,
      patch,
      credits: extra.length ? [...kept, ...extra] : undefined,
      note: `Merged ${duplicate.title}${duplicate.year ? ` (${duplicate.year})` : ""} (/films/${duplicate.slug}) into this film`,
    });
    const stats = await recountRatingStats(tx, { filmId: survivor.id });
    await tx
      .insert(filmRatingStats)
      .values({ filmId: survivor.id, ...stats })
      .onConflictDoUpdate({
        target: filmRatingStats.filmId,
        set: { count: stats.count, sum: stats.sum, histogram: stats.histogram },
      });
    const [after] = await tx
      .select({ slug: films.slug })
      .from(films)
      .where(eq(films.id, survivor.id));
    return { survivorSlug: after!.slug, duplicateSlug: duplicate.slug };
  });
}

/** Merges a duplicate person: their credits move (one per film and role), their address redirects. */
export async function mergePeople(
  db: Database,
  actorOrNull: Actor | null,
  { survivorId, duplicateId }: { survivorId: number; duplicateId: number },
): Promise<{ survivorSlug: string; duplicateSlug: string; films: number[] }> {
  assertEditor(actorOrNull);
  if (survivorId === duplicateId) throw new AppError("invalid", "Pick two different people.");
  return db.transaction(async (tx) => {
    const found = await tx
      .select()
      .from(people)
      .where(inArray(people.id, [survivorId, duplicateId]))
      .orderBy(asc(people.id))
      .for("update");
    const survivor = found.find((p) => p.id === survivorId);
    const duplicate = found.find((p) => p.id === duplicateId);
    if (!survivor || !duplicate) throw new AppError("not_found", "That person does not exist.");
    const moved = await tx
      .select({ filmId: credits.filmId })
      .from(credits)
      .where(eq(credits.personId, duplicate.id));
    await tx.execute(sql`
      update credits c set person_id = ${survivor.id}
      where c.person_id = ${duplicate.id}
        and not exists (select 1 from credits o where o.film_id = c.film_id and o.role = c.role and o.person_id = ${survivor.id})`);
    await tx.delete(credits).where(eq(credits.personId, duplicate.id));
    await tx
      .update(slugRedirects)
      .set({ targetId: survivor.id })
      .where(and(eq(slugRedirects.kind, "person"), eq(slugRedirects.targetId, duplicate.id)));
    await tx.delete(people).where(eq(people.id, duplicate.id));
    // what only the duplicate knew (its native name, its ids at the sources) stays
    await tx
      .update(people)
      .set({
        nativeName: survivor.nativeName ?? duplicate.nativeName,
        wikidataId: survivor.wikidataId ?? duplicate.wikidataId,
        tmdbId: survivor.tmdbId ?? duplicate.tmdbId,
        updatedAt: sql`now()`,
      })
      .where(eq(people.id, survivor.id));
    await tx
      .insert(slugRedirects)
      .values({ kind: "person", slug: duplicate.slug, targetId: survivor.id })
      .onConflictDoUpdate({
        target: [slugRedirects.kind, slugRedirects.slug],
        set: { targetId: survivor.id },
      });
    return {
      survivorSlug: survivor.slug,
      duplicateSlug: duplicate.slug,
      films: [...new Set(moved.map((m) => m.filmId))],
    };
  });
}

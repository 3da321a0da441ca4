/**
 * Changing a film's facts and credits. Every change — an editor's save, a source applied, a
 * proposal accepted, a revert, a merge — goes through `applyFilmChange`, which writes the change,
 * records which source set each fact, and appends a revision with the values before and after,
 * all in the caller's transaction.
 */
import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { AppError, notSignedIn } from "../../lib/errors";
import { canEdit } from "../../lib/roles";
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
  users,
  type CreditRole,
  type Film,
} from "../schema";
import { recountRatingStats } from "./reviews";
import type { Actor } from "./users";

// ─── Who may edit ────────────────────────────────────────────────────────────

/** An editor (moderators and admins are editors too), not silenced, suspended or banned. */
export function assertEditor(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  if (!canEdit(actor.role)) throw new AppError("forbidden", "Only editors can do that.");
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
  "netflixReleaseDate",
  "availableGlobally",
] as const;
export type FactField = (typeof FACT_FIELDS)[number];
export type FactPatch = Partial<Pick<Film, FactField>>;

/** A credit as stored: billing order is the position within its role. */
export type CreditEntry = { personId: number; role: CreditRole; character: string | null };

/** JSON with object keys in one order: values read back from jsonb come with their keys reordered. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value ?? null;
}
const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

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
  /** Sources to cite for given fields instead of `source` (a revert, facts a merge carries over). */
  sourcesFor?: Record<string, string | undefined>;
  revertOf?: number | null;
  note?: string | null;
};

export type FilmChangeResult = {
  revisionId: number | null;
  slug: string;
  oldSlug: string;
  changed: string[];
  /** Slugs of people whose filmography changed (all the film's people when its name did). */
  people: string[];
};

/** Where a revision keeps each changed fact's source before and after; not a fact itself. */
export const SOURCES_KEY = "_sources";

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
      // the same value from a better outside source: cite that one (an editor's form sends every
      // field, so an unchanged one keeps the source it had)
      if (
        change.respectSources &&
        after != null &&
        sourceRank(change.source) > sourceRank(sources[field])
      ) {
        sources[field] = change.source;
      }
      continue;
    }
    if (change.respectSources && !mayOverwrite(sources[field], change.source)) continue;
    if (field === "title" && !after) continue; // a film always has a title
    set[field] = after;
    diff[field] = { before: film[field], after };
    const cited = field in (change.sourcesFor ?? {}) ? change.sourcesFor![field] : change.source;
    if (after == null || (Array.isArray(after) && after.length === 0) || !cited)
      delete sources[field];
    else sources[field] = cited;
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
      const cited =
        "credits" in (change.sourcesFor ?? {}) ? change.sourcesFor!.credits : change.source;
      if (change.credits.length && cited) sources.credits = cited;
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
    // a published address (a film's, or one that redirects to another film) is never reused
    const taken = new Set(
      [
        ...(await tx
          .select({ slug: films.slug })
          .from(films)
          .where(and(ne(films.id, film.id), sql`${films.slug} like ${`${wanted}%`}`))),
        ...(await tx
          .select({ slug: slugRedirects.slug })
          .from(slugRedirects)
          .where(
            and(
              eq(slugRedirects.kind, "film"),
              ne(slugRedirects.targetId, film.id),
              sql`${slugRedirects.slug} like ${`${wanted}%`}`,
            ),
          )),
      ].map((r) => r.slug),
    );
    slug = uniqueFilmSlug(title, year, taken);
  }
  await tx
    .update(films)
    .set({ ...set, slug, factSources: sources, updatedAt: sql`now()` })
    .where(eq(films.id, film.id));
  if (slug !== film.slug || "title" in set || "year" in set) {
    // every filmography that lists the film shows its name and address
    const credited = await tx
      .select({ slug: people.slug })
      .from(credits)
      .innerJoin(people, eq(people.id, credits.personId))
      .where(eq(credits.filmId, film.id));
    peopleChanged = [...new Set([...peopleChanged, ...credited.map((p) => p.slug)])];
  }
  // where each changed fact came from before and after, so a revert restores its source too
  const cited = Object.fromEntries(
    Object.keys(diff).map((f) => [
      f,
      { before: film.factSources[f] ?? null, after: sources[f] ?? null },
    ]),
  );
  const [revision] = await tx
    .insert(filmRevisions)
    .values({
      filmId: film.id,
      userId: change.userId,
      source: change.source,
      changes: { ...diff, [SOURCES_KEY]: { before: null, after: cited } },
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

/** The id of a film's newest revision, or null: what an edit form was opened on. */
export async function latestRevisionId(tx: Executor, filmId: number): Promise<number | null> {
  const [row] = await tx
    .select({ id: filmRevisions.id })
    .from(filmRevisions)
    .where(eq(filmRevisions.filmId, filmId))
    .orderBy(sql`${filmRevisions.id} desc`)
    .limit(1);
  return row?.id ?? null;
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
  input: {
    filmId: number;
    patch: FactPatch;
    credits: CreditEntry[] | null;
    note: string | null;
    /** The film's last change as the editor's form saw it: a save over a newer change is refused. */
    seenRevision?: number | null;
  },
): Promise<FilmChangeResult> {
  const actor = assertEditor(actorOrNull);
  return db.transaction(async (tx) => {
    const film = await lockFilmRow(tx, input.filmId);
    assertMayEdit(actor, film);
    if (input.seenRevision !== undefined) {
      const latest = await latestRevisionId(tx, film.id);
      if (latest !== input.seenRevision) {
        throw new AppError(
          "conflict",
          "Someone changed this film while you were editing: reload the page to see their change, then make yours.",
        );
      }
    }
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
    const cited = (revision.changes[SOURCES_KEY]?.after ?? {}) as Record<
      string,
      { before: string | null; after: string | null }
    >;
    for (const [field, { before, after }] of Object.entries(revision.changes)) {
      if (field === SOURCES_KEY) continue;
      if (field === "locked") throw new AppError("invalid", "Lock and unlock the film instead.");
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
      sourcesFor: Object.fromEntries(
        Object.entries(cited).map(([f, c]) => [f, c.before ?? undefined]),
      ),
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
  for (const r of await tx
    .select({ slug: slugRedirects.slug })
    .from(slugRedirects)
    .where(and(eq(slugRedirects.kind, "person"), sql`${slugRedirects.slug} like ${`${base}%`}`)))
    taken.add(r.slug);
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
): Promise<{
  survivorSlug: string;
  oldSurvivorSlug: string;
  duplicateSlug: string;
  /** Reviews that moved, or were folded into another: their pages change. */
  reviews: number[];
  authors: string[];
  people: string[];
}> {
  const actor = assertEditor(actorOrNull);
  if (survivorId === duplicateId) throw new AppError("invalid", "Pick two different films.");
  return db.transaction(async (tx) => {
    // lock both in id order, so two merges of the same pair cannot deadlock
    const [first, second] = [survivorId, duplicateId].sort((a, b) => a - b);
    const locked = [await lockFilmRow(tx, first!), await lockFilmRow(tx, second!)];
    const survivor = locked.find((f) => f.id === survivorId)!;
    const duplicate = locked.find((f) => f.id === duplicateId)!;
    for (const f of locked) assertMayEdit(actor, f);

    for (const table of [chartEntries, mostPopularEntries, engagementEntries, filmRevisions]) {
      await tx.update(table).set({ filmId: survivor.id }).where(eq(table.filmId, duplicate.id));
    }
    // one pending proposal per film and source: the duplicate's gives way to the survivor's
    await tx.execute(sql`
      update fact_proposals d set status = 'superseded', decided_at = now()
      where d.film_id = ${duplicate.id} and d.status = 'pending'
        and exists (select 1 from fact_proposals s
                    where s.film_id = ${survivor.id} and s.status = 'pending' and s.source = d.source)`);
    await tx
      .update(factProposals)
      .set({ filmId: survivor.id })
      .where(eq(factProposals.filmId, duplicate.id));

    // credits: the survivor's list first, then the duplicate's people it lacks
    const kept = await creditsOf(tx, survivor.id);
    const extra = (await creditsOf(tx, duplicate.id)).filter(
      (c) => !kept.some((k) => k.personId === c.personId && k.role === c.role),
    );

    // reviews: move those whose author did not review the survivor; of two, one stays (below)
    const theirs = await tx.select().from(reviews).where(eq(reviews.filmId, duplicate.id));
    const touched: number[] = [];
    for (const review of theirs) {
      const [ours] = await tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.filmId, survivor.id), eq(reviews.userId, review.userId)));
      if (!ours) {
        await tx.update(reviews).set({ filmId: survivor.id }).where(eq(reviews.id, review.id));
        touched.push(review.id);
        continue;
      }
      // a live review beats one its author deleted; of two live ones, the newer stays
      const oursStays =
        (ours.deletedAt == null) !== (review.deletedAt == null)
          ? ours.deletedAt == null
          : ours.updatedAt >= review.updatedAt;
      const [newer, older] = oursStays ? [ours, review] : [review, ours];
      touched.push(older.id, newer.id);
      await foldReview(tx, { into: newer.id, from: older });
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

    // facts the survivor lacks come from the duplicate, still cited to their sources, and so do
    // its ids at the outside sources
    const patch: FactPatch = {};
    const sourcesFor: Record<string, string | undefined> = {};
    for (const field of FACT_FIELDS) {
      const mine = survivor[field];
      const empty = mine == null || (Array.isArray(mine) && mine.length === 0);
      if (empty && duplicate[field] != null) {
        (patch as Record<string, unknown>)[field] = duplicate[field];
        sourcesFor[field] = duplicate.factSources[field];
      }
    }
    const change = await applyFilmChange(tx, {
      filmId: survivor.id,
      source: EDITORS,
      userId: actor.id,
      patch,
      sourcesFor,
      extra: {
        ...(survivor.wikidataId == null && duplicate.wikidataId
          ? { wikidataId: duplicate.wikidataId }
          : {}),
        ...(survivor.tmdbId == null && duplicate.tmdbId ? { tmdbId: duplicate.tmdbId } : {}),
      },
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
    const authors = touched.length
      ? (
          await tx
            .selectDistinct({ handle: users.handle })
            .from(reviews)
            .innerJoin(users, eq(users.id, reviews.userId))
            .where(inArray(reviews.id, touched))
        ).map((u) => u.handle)
      : [];
    return {
      survivorSlug: change.slug,
      oldSurvivorSlug: change.oldSlug,
      duplicateSlug: duplicate.slug,
      reviews: touched,
      authors,
      people: change.people,
    };
  });
}

/**
 * One reader's two reviews of what turned out to be one film: the older one's rating and text
 * become an earlier version of the one that stays, and its likes, comments, earlier versions,
 * reports and moderation follow it there.
 */
async function foldReview(
  tx: Executor,
  { into, from }: { into: number; from: typeof reviews.$inferSelect },
) {
  await tx.insert(reviewRevisions).values({
    reviewId: into,
    rating: from.rating,
    body: from.body,
    containsSpoilers: from.containsSpoilers,
    watchedOn: from.watchedOn,
    replacedAt: from.updatedAt,
  });
  await tx
    .update(reviewComments)
    .set({ reviewId: into })
    .where(eq(reviewComments.reviewId, from.id));
  await tx.execute(sql`
    insert into review_likes (review_id, user_id, created_at)
    select ${into}, user_id, created_at from review_likes where review_id = ${from.id}
    on conflict do nothing`);
  await tx.delete(reviewLikes).where(eq(reviewLikes.reviewId, from.id));
  await tx
    .update(reviewRevisions)
    .set({ reviewId: into })
    .where(eq(reviewRevisions.reviewId, from.id));
  await tx.execute(sql`
    update reports set target_id = ${into}
    where target_type = 'review' and target_id = ${from.id}
      and not exists (select 1 from reports r
                      where r.target_type = 'review' and r.target_id = ${into} and r.reporter_id = reports.reporter_id)`);
  await tx.execute(
    sql`delete from reports where target_type = 'review' and target_id = ${from.id}`,
  );
  await tx.execute(sql`
    update moderation_states set target_id = ${into}
    where target_type = 'review' and target_id = ${from.id}
      and not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = ${into})`);
  await tx.execute(
    sql`delete from moderation_states where target_type = 'review' and target_id = ${from.id}`,
  );
  await tx.delete(reviews).where(eq(reviews.id, from.id));
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
    // where both were credited in one role, the survivor's credit keeps the character either had
    await tx.execute(sql`
      update credits o set character = coalesce(o.character, c.character)
      from credits c
      where c.person_id = ${duplicate.id} and o.person_id = ${survivor.id}
        and o.film_id = c.film_id and o.role = c.role`);
    await tx.execute(sql`
      update credits c set person_id = ${survivor.id}
      where c.person_id = ${duplicate.id}
        and not exists (select 1 from credits o where o.film_id = c.film_id and o.role = c.role and o.person_id = ${survivor.id})`);
    await tx.delete(credits).where(eq(credits.personId, duplicate.id));
    // the films' histories name the survivor too, so their reverts still work
    await tx.execute(sql`
      update film_revisions
      set changes = regexp_replace(changes::text, ${`"personId": ${duplicate.id}([,}])`}, ${`"personId": ${survivor.id}\\1`}, 'g')::jsonb
      where changes::text like ${`%"personId": ${duplicate.id}%`}`);
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

import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/*
 * Descending index columns are written `.desc().nullsFirst()`: that is the order `order by x desc`
 * asks for, and drizzle's `.desc()` alone makes DESC NULLS LAST, which PostgreSQL cannot read in
 * that order, so a page of the newest rows sorted every matching row first.
 */
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** Field name → source id, e.g. `{ "year": "netflix-engagement:2023H2" }` (lib/sources.ts). */
const factSources = () =>
  jsonb("fact_sources")
    .$type<Record<string, string>>()
    .notNull()
    .default(sql`'{}'::jsonb`);

/**
 * Indexes on a column's search key (db/queries/search.ts): trigrams for similarity and substrings
 * of three characters or more, and a pattern B-tree for the prefix of a shorter query (전종).
 */
const searchIndexes = (name: string, column: SQL) => [
  // fastupdate off: PGlite never vacuums, and GIN's pending list of rows inserted since the last
  // vacuum is read in full by every search
  index(`${name}_trgm_idx`)
    .using("gin", sql`reelrank_search_key(${column}) gin_trgm_ops`)
    .with({ fastupdate: false }),
  index(`${name}_prefix_idx`).on(sql`reelrank_search_key(${column}) text_pattern_ops`),
];

export const films = pgTable(
  "films",
  {
    id: serial("id").primaryKey(),
    /**
     * kebab-case title and, when known, year: `ballerina-2023`, `code-8`; a second title of the
     * same name without a known year gets a number (`ballerina-2`). Old slugs redirect (slug_redirects).
     */
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    originalTitle: text("original_title"),
    /** Release year, only from a named source (see fact_sources); null when no source gives it. */
    year: integer("year"),
    releaseDate: date("release_date"),
    /** Netflix's premiere date ("On Netflix since"), from an engagement report. */
    netflixReleaseDate: date("netflix_release_date"),
    availableGlobally: boolean("available_globally"),
    runtimeMinutes: integer("runtime_minutes"),
    /** ISO 639-1 code, e.g. `ko`. */
    originalLanguage: text("original_language"),
    /** ISO 3166-1 alpha-2 codes of the countries of origin, main one first, e.g. `{KR}`. */
    countries: text("countries")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    synopsis: text("synopsis"),
    genres: text("genres")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The maturity rating Netflix's catalogue gave it (`TV-MA`, `PG-13`). */
    maturityRating: text("maturity_rating"),
    wikidataId: text("wikidata_id"),
    tmdbId: integer("tmdb_id"),
    /** A moderator locked the facts: only moderators and admins may change them. */
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    /** Where each fact came from: field name → source id (see lib/sources.ts). */
    factSources: factSources(),
    /** Created by the chart importer from a title alone: facts to be filled in by an editor. */
    needsReview: boolean("needs_review").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("films_slug_key").on(t.slug),
    // the chart importer matches rows to films by title
    index("films_lower_title_idx").on(sql`lower(${t.title})`),
    // keyset pagination of /films by title or by year
    index("films_title_id_idx").on(sql`lower(${t.title})`, t.id),
    index("films_year_id_idx").on(t.year, t.id),
    uniqueIndex("films_wikidata_id_key").on(t.wikidataId),
    uniqueIndex("films_tmdb_id_key").on(t.tmdbId),
    // search by either title (reelrank_search_key comes with migration 0007_search)
    ...searchIndexes("films_title_key", sql`${t.title}`),
    ...searchIndexes("films_original_title_key", sql`${t.originalTitle}`),
    check("films_year_check", sql`${t.year} is null or ${t.year} between 1880 and 2100`),
    check("films_runtime_check", sql`${t.runtimeMinutes} is null or ${t.runtimeMinutes} > 0`),
  ],
);
export type Film = typeof films.$inferSelect;
export type NewFilm = typeof films.$inferInsert;

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** The name in its own script, e.g. 이충현. */
    nativeName: text("native_name"),
    wikidataId: text("wikidata_id"),
    tmdbId: integer("tmdb_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("people_slug_key").on(t.slug),
    uniqueIndex("people_wikidata_id_key").on(t.wikidataId),
    uniqueIndex("people_tmdb_id_key").on(t.tmdbId),
    // editors find people by name or native name as they type
    index("people_lower_name_idx").on(sql`lower(${t.name})`),
    ...searchIndexes("people_name_key", sql`${t.name}`),
    ...searchIndexes("people_native_name_key", sql`${t.nativeName}`),
  ],
);
export type Person = typeof people.$inferSelect;

export const slugKind = pgEnum("slug_kind", ["film", "series", "person"]);
export type SlugKind = (typeof slugKind.enumValues)[number];

/**
 * Every slug a film, series or person had before its current one, so published URLs keep working
 * (a permanent redirect). Written by a trigger whenever a slug changes.
 */
export const slugRedirects = pgTable(
  "slug_redirects",
  {
    kind: slugKind("kind").notNull(),
    slug: text("slug").notNull(),
    targetId: integer("target_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.slug] })],
);
export type NewPerson = typeof people.$inferInsert;

export const creditRole = pgEnum("credit_role", ["director", "writer", "cast"]);
export type CreditRole = (typeof creditRole.enumValues)[number];

export const credits = pgTable(
  "credits",
  {
    id: serial("id").primaryKey(),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    role: creditRole("role").notNull(),
    character: text("character"),
    billingOrder: integer("billing_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("credits_film_person_role_key").on(t.filmId, t.personId, t.role),
    // the film page reads credits by film in billing order
    index("credits_film_role_order_idx").on(t.filmId, t.role, t.billingOrder),
    // the person page reads credits by person
    index("credits_person_idx").on(t.personId),
  ],
);
export type Credit = typeof credits.$inferSelect;
export type NewCredit = typeof credits.$inferInsert;

/** TV series; Netflix charts them by season. */
export const series = pgTable(
  "series",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    originalTitle: text("original_title"),
    originalLanguage: text("original_language"),
    /** Year of the first season, only from a named source (see fact_sources); null when unknown. */
    year: integer("year"),
    factSources: factSources(),
    needsReview: boolean("needs_review").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("series_slug_key").on(t.slug),
    index("series_lower_title_idx").on(sql`lower(${t.title})`),
    ...searchIndexes("series_title_key", sql`${t.title}`),
    ...searchIndexes("series_original_title_key", sql`${t.originalTitle}`),
  ],
);
export type Series = typeof series.$inferSelect;

export const seasons = pgTable(
  "seasons",
  {
    id: serial("id").primaryKey(),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    /** As Netflix names it, e.g. `Wednesday: Season 1`; null for a series charted without seasons. */
    title: text("title"),
    /** The season's title in its own language, e.g. `오징어 게임: 시즌 1`, from an engagement report. */
    originalTitle: text("original_title"),
    /** Netflix's premiere date of the season, from an engagement report. */
    netflixReleaseDate: date("netflix_release_date"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("seasons_series_title_key").on(t.seriesId, sql`coalesce(${t.title}, '')`)],
);
export type Season = typeof seasons.$inferSelect;

export const chartList = pgEnum("chart_list", [
  "films-english",
  "films-non-english",
  "tv-english",
  "tv-non-english",
]);

/** One row of a Netflix global weekly Top 10 list. */
export const chartEntries = pgTable(
  "chart_entries",
  {
    id: serial("id").primaryKey(),
    /** The Sunday that ends the Monday–Sunday week. */
    week: date("week").notNull(),
    list: chartList("list").notNull(),
    rank: smallint("rank").notNull(),
    /** The title exactly as Netflix printed it. */
    showTitle: text("show_title").notNull(),
    seasonTitle: text("season_title"),
    filmId: integer("film_id").references(() => films.id, { onDelete: "set null" }),
    seasonId: integer("season_id").references(() => seasons.id, { onDelete: "set null" }),
    hoursViewed: bigint("hours_viewed", { mode: "number" }).notNull(),
    /** Netflix's runtime in hours (4 decimals); unknown before June 2023. */
    runtimeHours: numeric("runtime_hours", { precision: 7, scale: 4, mode: "number" }),
    views: bigint("views", { mode: "number" }),
    cumulativeWeeks: integer("cumulative_weeks").notNull(),
    /** Countries whose own Top 10 had this title that week, from the per-country lists. */
    countries: integer("countries"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("chart_entries_week_list_rank_key").on(t.week, t.list, t.rank),
    index("chart_entries_film_week_idx").on(t.filmId, t.week),
    index("chart_entries_season_week_idx").on(t.seasonId, t.week),
    index("chart_entries_title_idx").on(t.list, t.showTitle),
    check("chart_entries_rank_check", sql`${t.rank} between 1 and 10`),
    check("chart_entries_one_title_check", sql`${t.filmId} is null or ${t.seasonId} is null`),
  ],
);
export type ChartEntry = typeof chartEntries.$inferSelect;
export type NewChartEntry = typeof chartEntries.$inferInsert;

/** Earlier values of chart figures that a newer file corrected; readers can see them. */
export const chartRevisions = pgTable(
  "chart_revisions",
  {
    id: serial("id").primaryKey(),
    entryId: integer("entry_id")
      .notNull()
      .references(() => chartEntries.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    source: text("source").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chart_revisions_entry_idx").on(t.entryId, t.changedAt)],
);
export type ChartRevision = typeof chartRevisions.$inferSelect;

export const countryCategory = pgEnum("country_category", ["films", "tv"]);

/** One row of a country's weekly Top 10 (Films or TV; no views or hours per country). */
export const countryChartEntries = pgTable(
  "country_chart_entries",
  {
    id: serial("id").primaryKey(),
    week: date("week").notNull(),
    countryIso2: text("country_iso2").notNull(),
    countryName: text("country_name").notNull(),
    category: countryCategory("category").notNull(),
    rank: smallint("rank").notNull(),
    showTitle: text("show_title").notNull(),
    seasonTitle: text("season_title"),
    cumulativeWeeks: integer("cumulative_weeks").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("country_chart_entries_key").on(t.week, t.countryIso2, t.category, t.rank),
    // counting a title's countries per week
    index("country_chart_entries_title_idx").on(t.week, t.category, t.showTitle),
  ],
);
export type CountryChartEntry = typeof countryChartEntries.$inferSelect;

/** Netflix's all-time most popular lists (views in the first 91 days; hours in 28 days before June 2023). */
export const mostPopularEntries = pgTable(
  "most_popular_entries",
  {
    id: serial("id").primaryKey(),
    list: chartList("list").notNull(),
    rank: smallint("rank").notNull(),
    showTitle: text("show_title").notNull(),
    seasonTitle: text("season_title"),
    filmId: integer("film_id").references(() => films.id, { onDelete: "set null" }),
    seasonId: integer("season_id").references(() => seasons.id, { onDelete: "set null" }),
    hoursViewed: bigint("hours_viewed", { mode: "number" }).notNull(),
    runtimeHours: numeric("runtime_hours", { precision: 7, scale: 4, mode: "number" }),
    views: bigint("views", { mode: "number" }),
    windowDays: smallint("window_days").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("most_popular_entries_list_rank_key").on(t.list, t.rank)],
);
export type MostPopularEntry = typeof mostPopularEntries.$inferSelect;

/**
 * One title's row of a Netflix "What We Watched" engagement report: hours and views over a
 * half-year, attached to a film or season when the match was confident enough.
 */
export const engagementEntries = pgTable(
  "engagement_entries",
  {
    id: serial("id").primaryKey(),
    /** `2023H2`: the report's half-year. */
    period: text("period").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    kind: countryCategory("kind").notNull(),
    /** Exactly as the report prints it, e.g. `Ballerina // 발레리나`. */
    title: text("title").notNull(),
    filmId: integer("film_id").references(() => films.id, { onDelete: "set null" }),
    seasonId: integer("season_id").references(() => seasons.id, { onDelete: "set null" }),
    /** high, medium (applied) or low, ambiguous, none (left unattached). */
    matchConfidence: text("match_confidence").notNull(),
    availableGlobally: boolean("available_globally").notNull(),
    releaseDate: date("release_date"),
    hoursViewed: bigint("hours_viewed", { mode: "number" }).notNull(),
    runtimeMinutes: integer("runtime_minutes"),
    views: bigint("views", { mode: "number" }),
    source: text("source").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("engagement_entries_key").on(t.period, t.kind, t.title),
    index("engagement_entries_film_idx").on(t.filmId),
    index("engagement_entries_season_idx").on(t.seasonId),
    check("engagement_entries_one_title_check", sql`${t.filmId} is null or ${t.seasonId} is null`),
  ],
);
export type EngagementEntry = typeof engagementEntries.$inferSelect;

/** What the last download of each Netflix Top 10 file brought, for conditional requests. */
export const netflixFiles = pgTable("netflix_files", {
  /** `all-weeks-global.tsv`, `all-weeks-countries.tsv`, `most-popular.tsv`. */
  name: text("name").primaryKey(),
  url: text("url").notNull(),
  etag: text("etag"),
  lastModified: text("last_modified"),
  sha256: text("sha256"),
  bytes: bigint("bytes", { mode: "number" }),
  rows: integer("rows"),
  weeksAdded: integer("weeks_added"),
  checkedAt: timestamp("checked_at", { withTimezone: true }),
  /** When its content last changed what Reelrank holds. */
  importedAt: timestamp("imported_at", { withTimezone: true }),
});
export type NetflixFile = typeof netflixFiles.$inferSelect;

export const syncOutcome = pgEnum("sync_outcome", ["imported", "up-to-date", "refused", "failed"]);
export type SyncOutcome = (typeof syncOutcome.enumValues)[number];

/** Every check of a Netflix file: by whom, what happened, and what it changed. */
export const netflixSyncLog = pgTable(
  "netflix_sync_log",
  {
    id: serial("id").primaryKey(),
    file: text("file").notNull(),
    /** `cli`, `admin:<handle>`, `schedule`. */
    trigger: text("trigger").notNull(),
    outcome: syncOutcome("outcome").notNull(),
    message: text("message").notNull(),
    rowsRead: integer("rows_read"),
    weeksAdded: integer("weeks_added"),
    rowsAdded: integer("rows_added"),
    rowsUpdated: integer("rows_updated"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("netflix_sync_log_finished_idx").on(t.finishedAt.desc().nullsFirst())],
);
export type NetflixSyncLogEntry = typeof netflixSyncLog.$inferSelect;

// ─── Accounts ────────────────────────────────────────────────────────────────

export const userRole = pgEnum("user_role", ["viewer", "editor", "moderator", "admin"]);
export type UserRole = (typeof userRole.enumValues)[number];

/** Who may see a part of a profile: everyone, the user's followers, or only the user. */
export const audience = pgEnum("audience", ["everyone", "followers", "only_me"]);
export type Audience = (typeof audience.enumValues)[number];

/** People with an account. Columns `name`, `email`, `emailVerified`, `image` are the ones Auth.js expects. */
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    /** Display name. */
    name: text("name").notNull(),
    /** Unique, shown as @handle and used in /u/<handle>. */
    handle: text("handle").notNull(),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    /** argon2id; null for accounts that only sign in through an OAuth provider. */
    passwordHash: text("password_hash"),
    role: userRole("role").notNull().default("viewer"),
    /** Who may see the diary (and the films watched), the watchlist and the lists. */
    diaryAudience: audience("diary_audience").notNull().default("everyone"),
    watchlistAudience: audience("watchlist_audience").notNull().default("everyone"),
    listsAudience: audience("lists_audience").notNull().default("everyone"),
    /**
     * Carried in the session token and checked against this on every signed-in request: raised
     * when the password or email changes, a reset link is used or the account is deleted, which
     * ends every session issued before.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /**
     * When the account was deleted. The row stays so kept reviews can say "a deleted user"; its
     * email and handle stay reserved for 30 days, then are released.
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_handle_key").on(sql`lower(${t.handle})`),
    index("users_deleted_idx")
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);
export type User = typeof users.$inferSelect;

/** A handle a user gave up: /u/<old> redirects to the user's profile until someone takes it. */
export const handleRedirects = pgTable(
  "handle_redirects",
  {
    oldHandle: text("old_handle").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("handle_redirects_old_key").on(sql`lower(${t.oldHandle})`),
    index("handle_redirects_user_idx").on(t.userId),
  ],
);

export const accountTokenKind = pgEnum("account_token_kind", ["password_reset", "email_change"]);

/**
 * Single-use links sent by mail: a password reset, or the confirmation of a new email address.
 * Only a SHA-256 of the token is stored, so a leaked table opens nothing.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: accountTokenKind("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** For an email change: the address to confirm. */
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_key").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.kind),
  ],
);

/**
 * Mail written instead of sent when no SMTP server is configured (the embedded default); an
 * admin reads it at /admin/outbox.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_created_idx").on(t.createdAt.desc().nullsFirst())],
);

/**
 * A record that an account was deleted, without personal data: when, what the user chose to do
 * with their reviews and comments, and how many there were.
 */
export const accountDeletions = pgTable("account_deletions", {
  id: serial("id").primaryKey(),
  content: text("content", { enum: ["removed", "kept"] }).notNull(),
  reviews: integer("reviews").notNull(),
  comments: integer("comments").notNull(),
  createdAt: createdAt(),
});

/** OAuth accounts linked to users (Auth.js adapter). */
export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_idx").on(t.userId),
  ],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ─── Reviews and ratings ─────────────────────────────────────────────────────

/** One review per user per film: a half-star rating (1–10 = 0.5–5 stars), with or without text. */
export const reviews = pgTable(
  "reviews",
  {
    id: serial("id").primaryKey(),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    body: text("body"),
    containsSpoilers: boolean("contains_spoilers").notNull().default(false),
    watchedOn: date("watched_on"),
    likesCount: integer("likes_count").notNull().default(0),
    commentsCount: integer("comments_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set when the author changed the rating or text after posting. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** Deleted by its author: kept, but shown nowhere and left out of the aggregates. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reviews_film_user_key").on(t.filmId, t.userId),
    index("reviews_film_newest_idx").on(
      t.filmId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("reviews_film_liked_idx").on(
      t.filmId,
      t.likesCount.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("reviews_film_rating_idx").on(t.filmId, t.rating, t.id),
    index("reviews_user_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // the front page's liked reviews of recent days, across every film
    index("reviews_created_idx").on(t.createdAt),
    // a film's ratings per week, read from the index alone (no visit to the reviews' text)
    index("reviews_film_weeks_idx")
      .on(t.filmId, t.createdAt, t.rating, t.id)
      .where(sql`${t.deletedAt} is null`),
    check("reviews_rating_check", sql`${t.rating} between 1 and 10`),
    check("reviews_body_length_check", sql`${t.body} is null or char_length(${t.body}) <= 10000`),
  ],
);
export type Review = typeof reviews.$inferSelect;

/** Earlier versions of a review, written each time its author edits it. */
export const reviewRevisions = pgTable(
  "review_revisions",
  {
    id: serial("id").primaryKey(),
    reviewId: integer("review_id")
      .notNull()
      .references((): AnyPgColumn => reviews.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    body: text("body"),
    containsSpoilers: boolean("contains_spoilers").notNull(),
    watchedOn: date("watched_on"),
    /** When this version was replaced. */
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_revisions_review_idx").on(t.reviewId, t.replacedAt)],
);

export const reviewLikes = pgTable(
  "review_likes",
  {
    reviewId: integer("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.userId] }),
    index("review_likes_user_idx").on(t.userId),
  ],
);

export const reviewComments = pgTable(
  "review_comments",
  {
    id: serial("id").primaryKey(),
    reviewId: integer("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The comment this one answers, on the same review. */
    parentId: integer("parent_id").references((): AnyPgColumn => reviewComments.id, {
      onDelete: "set null",
    }),
    body: text("body").notNull(),
    createdAt: createdAt(),
    /** Set when the author changed the text; earlier texts are in comment_revisions. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** Deleted by its author: kept, shown as deleted, its text shown nowhere. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("review_comments_review_idx").on(t.reviewId, t.createdAt, t.id),
    index("review_comments_user_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    check("review_comments_body_check", sql`char_length(${t.body}) between 1 and 2000`),
  ],
);
export type ReviewComment = typeof reviewComments.$inferSelect;

/** Earlier texts of a comment, written each time its author edits it. */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: serial("id").primaryKey(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => reviewComments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** When this text was replaced. */
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_revisions_comment_idx").on(t.commentId, t.replacedAt)],
);

/**
 * A film's rating aggregates, changed in the same transaction as the review that changes them,
 * by increments, so they equal a recount whatever runs at once.
 */
export const filmRatingStats = pgTable(
  "film_rating_stats",
  {
    filmId: integer("film_id")
      .primaryKey()
      .references(() => films.id, { onDelete: "cascade" }),
    count: integer("count").notNull().default(0),
    /** Sum of ratings in half stars. */
    sum: integer("sum").notNull().default(0),
    /** Ratings per half star: index 0 is 0.5 stars, index 9 is 5 stars. */
    histogram: integer("histogram")
      .array()
      .notNull()
      .default(sql`'{0,0,0,0,0,0,0,0,0,0}'::integer[]`),
  },
  (t) => [check("film_rating_stats_count_check", sql`${t.count} >= 0 and ${t.sum} >= 0`)],
);

// ─── Moderation ──────────────────────────────────────────────────────────────

export const contentStatus = pgEnum("content_status", ["visible", "hidden", "removed"]);
export type ContentStatus = (typeof contentStatus.enumValues)[number];
export const reportTarget = pgEnum("report_target", ["review", "comment"]);
export type ReportTarget = (typeof reportTarget.enumValues)[number];
export const reportReason = pgEnum("report_reason", [
  "spoiler",
  "spam",
  "harassment",
  "off_topic",
  "illegal",
  "other",
]);
export type ReportReason = (typeof reportReason.enumValues)[number];
export const reportStatus = pgEnum("report_status", ["open", "dismissed", "upheld"]);

/** Moderation state of a review or comment; content is never deleted by moderation. */
export const moderationStates = pgTable(
  "moderation_states",
  {
    targetType: reportTarget("target_type").notNull(),
    targetId: integer("target_id").notNull(),
    status: contentStatus("status").notNull().default("visible"),
    /** Why it is hidden or removed, as its author is told ("harassment", "reports"). */
    reason: text("reason"),
    /** Hidden automatically because enough readers reported it, pending a moderator. */
    autoHidden: boolean("auto_hidden").notNull().default(false),
    commentsLocked: boolean("comments_locked").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId] }),
    index("moderation_states_status_idx").on(t.status),
  ],
);

export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    targetType: reportTarget("target_type").notNull(),
    targetId: integer("target_id").notNull(),
    /** The author of the reported content, for their history. */
    targetUserId: text("target_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: reportReason("reason").notNull(),
    note: text("note"),
    status: reportStatus("status").notNull().default("open"),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("reports_once_key").on(t.targetType, t.targetId, t.reporterId),
    index("reports_open_idx").on(t.status, t.targetType, t.targetId),
    index("reports_reporter_idx").on(t.reporterId),
    index("reports_target_user_idx").on(t.targetUserId),
    check("reports_note_check", sql`${t.note} is null or char_length(${t.note}) <= 1000`),
  ],
);

export const sanctionKind = pgEnum("sanction_kind", ["warn", "silence", "suspend", "ban"]);
export type SanctionKind = (typeof sanctionKind.enumValues)[number];

export const sanctions = pgTable(
  "sanctions",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: sanctionKind("kind").notNull(),
    reason: text("reason").notNull(),
    note: text("note"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null for a warning or a ban. */
    endsAt: timestamp("ends_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
  },
  (t) => [index("sanctions_user_idx").on(t.userId, t.startsAt)],
);

/**
 * Every moderator and admin action, with a snapshot of what it acted on. Append-only: the database
 * refuses UPDATE and DELETE on it (a trigger, in the migration).
 */
export const moderationLog = pgTable(
  "moderation_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").notNull(),
    actorHandle: text("actor_handle").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    note: text("note"),
    snapshot: jsonb("snapshot"),
    createdAt: createdAt(),
  },
  (t) => [
    index("moderation_log_created_idx").on(t.createdAt.desc().nullsFirst()),
    index("moderation_log_target_idx").on(t.targetType, t.targetId),
  ],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedAt(),
});

/** Events counted by the rate limits; kept in the database so limits hold across app instances. */
export const rateLimitEvents = pgTable(
  "rate_limit_events",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("rate_limit_events_key_idx").on(t.key, t.createdAt)],
);

// ─── Facts: revisions, proposals, enrichment ─────────────────────────────────

/**
 * Every change to a film's facts or credits: who or what made it, which fields, before and after.
 * An editor can revert one; the revert is a revision too.
 */
export const filmRevisions = pgTable(
  "film_revisions",
  {
    id: serial("id").primaryKey(),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    /** The editor, or null for a source applied automatically. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** `editors`, `wikidata:Q…`, `tmdb:123`, `netflix-titles:s12`, `netflix-engagement:2023H2`. */
    source: text("source").notNull(),
    /** Field → `{ before, after }`; `credits` holds the whole list before and after. */
    changes: jsonb("changes")
      .$type<Record<string, { before: unknown; after: unknown }>>()
      .notNull(),
    /** The revision this one reverted, if it is a revert. */
    revertOf: integer("revert_of"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("film_revisions_film_idx").on(t.filmId, t.createdAt.desc().nullsFirst())],
);
export type FilmRevision = typeof filmRevisions.$inferSelect;

export const proposalStatus = pgEnum("proposal_status", [
  "pending",
  "accepted",
  "rejected",
  "superseded",
]);

/** Facts a source offers for a film that were not applied at once: an editor accepts, edits or rejects them. */
export const factProposals = pgTable(
  "fact_proposals",
  {
    id: serial("id").primaryKey(),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    url: text("url"),
    /** Why it was not applied: `low` (title only), `ambiguous` (several candidates), `conflict` (an editor's value differs). */
    confidence: text("confidence").notNull(),
    /** Field → proposed value, in the film's own terms; `credits` as a list. */
    facts: jsonb("facts").$type<Record<string, unknown>>().notNull(),
    status: proposalStatus("status").notNull().default("pending"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("fact_proposals_pending_idx").on(t.status, t.filmId),
    uniqueIndex("fact_proposals_one_pending_key")
      .on(t.filmId, t.source)
      .where(sql`${t.status} = 'pending'`),
  ],
);
export type FactProposal = typeof factProposals.$inferSelect;

/** Which source was asked about which film and what came of it, so `npm run enrich` resumes. */
export const enrichmentLookups = pgTable(
  "enrichment_lookups",
  {
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    /** applied, queued, unchanged, not-found, failed */
    outcome: text("outcome").notNull(),
    sourceId: text("source_id"),
    message: text("message"),
    lookedUpAt: timestamp("looked_up_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.filmId, t.source] })],
);

/** Outside sources' responses, kept so that a rerun makes no new requests. */
export const sourceResponses = pgTable(
  "source_responses",
  {
    source: text("source").notNull(),
    key: text("key").notNull(),
    body: jsonb("body").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.key] })],
);

// ─── Diary, watchlist, lists ─────────────────────────────────────────────────

/**
 * One watch of a film: several per film and user. A rating given with the log is the rating at
 * that time; the user's current rating of the film (the aggregates) is their review's.
 */
export const diaryEntries = pgTable(
  "diary_entries",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    /** Null: watched, date unknown (an import's "watched" film with no diary entry). */
    watchedOn: date("watched_on"),
    /** Half stars 1–10, or null for a log without a rating. */
    rating: smallint("rating"),
    rewatch: boolean("rewatch").notNull().default(false),
    /** The user's review of the film, linked rather than copied. */
    reviewId: integer("review_id").references(() => reviews.id, { onDelete: "set null" }),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Where an imported entry came from (a Letterboxd diary URI), so a second import adds nothing. */
    importKey: text("import_key"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("diary_entries_user_watched_idx").on(
      t.userId,
      t.watchedOn.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("diary_entries_user_film_idx").on(t.userId, t.filmId),
    index("diary_entries_user_created_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("diary_entries_film_idx").on(t.filmId),
    uniqueIndex("diary_entries_import_key").on(t.userId, t.importKey),
    check("diary_entries_rating_check", sql`${t.rating} is null or ${t.rating} between 1 and 10`),
    check("diary_entries_tags_check", sql`cardinality(${t.tags}) <= 20`),
  ],
);
export type DiaryEntry = typeof diaryEntries.$inferSelect;

/** Films a user means to watch. */
export const watchlistEntries = pgTable(
  "watchlist_entries",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.filmId] }),
    index("watchlist_entries_user_added_idx").on(t.userId, t.addedAt.desc().nullsFirst(), t.filmId),
    index("watchlist_entries_film_idx").on(t.filmId),
  ],
);

/** A user's named list of films, ranked or not. */
export const lists = pgTable(
  "lists",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Unique among the user's lists; /u/<handle>/lists/<slug>. */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    ranked: boolean("ranked").notNull().default(false),
    /** Private: only its owner sees it, whatever the owner's lists audience. */
    isPrivate: boolean("is_private").notNull().default(false),
    itemsCount: integer("items_count").notNull().default(0),
    likesCount: integer("likes_count").notNull().default(0),
    /** Bumped by every change to the list or its order, so a stale reorder is refused. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Deleted by its owner: kept, shown nowhere. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("lists_user_slug_key").on(t.userId, sql`lower(${t.slug})`),
    index("lists_user_updated_idx").on(
      t.userId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("lists_user_created_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    check("lists_name_check", sql`char_length(${t.name}) between 1 and 100`),
    check(
      "lists_description_check",
      sql`${t.description} is null or char_length(${t.description}) <= 5000`,
    ),
  ],
);
export type List = typeof lists.$inferSelect;

/** A film on a list, at a position (1…n, dense, rewritten under the list's row lock). */
export const listItems = pgTable(
  "list_items",
  {
    listId: integer("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    filmId: integer("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    note: text("note"),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.filmId] }),
    index("list_items_list_position_idx").on(t.listId, t.position),
    index("list_items_film_idx").on(t.filmId),
    check("list_items_note_check", sql`${t.note} is null or char_length(${t.note}) <= 1000`),
  ],
);

export const listLikes = pgTable(
  "list_likes",
  {
    listId: integer("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.userId] }), index("list_likes_user_idx").on(t.userId)],
);

// ─── Follows, blocks, notifications ──────────────────────────────────────────

export const follows = pgTable(
  "follows",
  {
    followerId: text("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followeeId: text("followee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followeeId] }),
    index("follows_followee_idx").on(
      t.followeeId,
      t.createdAt.desc().nullsFirst(),
      t.followerId.desc().nullsFirst(),
    ),
    index("follows_follower_created_idx").on(
      t.followerId,
      t.createdAt.desc().nullsFirst(),
      t.followeeId.desc().nullsFirst(),
    ),
    check("follows_not_self_check", sql`${t.followerId} <> ${t.followeeId}`),
  ],
);

/** A block: the blocked user cannot follow, comment on or like the blocker's content. */
export const blocks = pgTable(
  "blocks",
  {
    blockerId: text("blocker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: text("blocked_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    index("blocks_blocked_idx").on(t.blockedId),
    check("blocks_not_self_check", sql`${t.blockerId} <> ${t.blockedId}`),
  ],
);

export const notificationKind = pgEnum("notification_kind", [
  "review_liked",
  "review_commented",
  "comment_replied",
  "followed",
  "list_liked",
  "moderation",
]);
export type NotificationKind = (typeof notificationKind.enumValues)[number];

/**
 * What happened to a user's content or account, written in the transaction of what caused it.
 * `dedupeKey` makes it one per event: liking, unliking and liking again notifies once.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    /** Who did it; null for moderation. */
    actorId: text("actor_id").references(() => users.id, { onDelete: "cascade" }),
    reviewId: integer("review_id").references(() => reviews.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => reviewComments.id, { onDelete: "cascade" }),
    listId: integer("list_id").references(() => lists.id, { onDelete: "cascade" }),
    /** Extra detail, e.g. a moderation outcome `{ action, reason }`. */
    data: jsonb("data").$type<Record<string, unknown>>(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.userId, t.dedupeKey),
    index("notifications_user_newest_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("notifications_user_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

// ─── Imports from other sites ────────────────────────────────────────────────

export const importStatus = pgEnum("import_status", ["running", "done", "failed"]);

/** One upload of another site's export (Letterboxd), its progress and its report. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    fileName: text("file_name").notNull(),
    status: importStatus("status").notNull().default("running"),
    /** Rows to go through, and rows gone through so far. */
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    /** Counts per kind: matched, created, already there, unmatched. */
    report: jsonb("report").$type<Record<string, unknown>>(),
    error: text("error"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_jobs_user_idx").on(t.userId, t.createdAt.desc().nullsFirst())],
);

export const unmatchedStatus = pgEnum("unmatched_status", ["pending", "matched", "skipped"]);

/**
 * A film of an import that matched nothing in the catalogue (or several things), with the rows
 * that name it, until the user picks the film or skips it.
 */
export const importUnmatched = pgTable(
  "import_unmatched",
  {
    id: serial("id").primaryKey(),
    jobId: integer("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    year: smallint("year"),
    uri: text("uri"),
    /** The export's rows for this film, by file: `{ diary: [...], ratings: [...], ... }`. */
    rows: jsonb("rows").$type<Record<string, unknown[]>>().notNull(),
    /** Catalogue films that came close, best first: `[{ filmId, title, year }]`. */
    candidates: jsonb("candidates")
      .$type<unknown[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    status: unmatchedStatus("status").notNull().default("pending"),
    filmId: integer("film_id").references(() => films.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("import_unmatched_job_idx").on(t.jobId, t.id),
    index("import_unmatched_user_pending_idx")
      .on(t.userId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

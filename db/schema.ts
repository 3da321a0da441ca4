import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const films = pgTable(
  "films",
  {
    id: serial("id").primaryKey(),
    /** kebab-case title and year, e.g. `ballerina-2023`; titles alone are not unique. */
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    originalTitle: text("original_title"),
    year: integer("year").notNull(),
    releaseDate: date("release_date"),
    runtimeMinutes: integer("runtime_minutes"),
    /** ISO 639-1 code, e.g. `ko`. */
    originalLanguage: text("original_language"),
    /** ISO 3166-1 alpha-2 code of the main production country, e.g. `KR`. */
    country: text("country"),
    synopsis: text("synopsis"),
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
    check("films_year_check", sql`${t.year} between 1880 and 2100`),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("people_slug_key").on(t.slug)],
);
export type Person = typeof people.$inferSelect;
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
    /** Year of the first season (or of its first chart week, for imported series). */
    year: integer("year").notNull(),
    needsReview: boolean("needs_review").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("series_slug_key").on(t.slug),
    index("series_lower_title_idx").on(sql`lower(${t.title})`),
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

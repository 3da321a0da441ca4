import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("films_slug_key").on(t.slug),
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

import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { filmSlug, slugify } from "../../lib/slug";
import { describeTarget, openDatabase, type Database } from "../index";
import { migrateDatabase } from "../migrate";
import { chartEntries, credits, films, people } from "../schema";
import { demoChartRuns } from "./demo-charts";
import { demoFilms, demoPeople } from "./demo-films";
import { DEMO_PASSWORD, demoReviews, demoUsers } from "./demo-users";
import { upsertReview } from "../queries/reviews";
import { createUser, getActor } from "../queries/users";
import { users } from "../schema";
import { eq } from "drizzle-orm";

export type SeedSummary = { films: number; people: number; credits: number; chartWeeks: number };

/** Writes the demo catalogue. Idempotent: a second run updates rows in place and adds nothing. */
export async function seedDemo(db: Database): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    const personRows = await tx
      .insert(people)
      .values(
        demoPeople.map((p) => ({
          slug: slugify(p.name),
          name: p.name,
          nativeName: p.nativeName ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: people.slug,
        set: {
          name: sql`excluded.name`,
          nativeName: sql`excluded.native_name`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: people.id, name: people.name });
    const personId = new Map(personRows.map((p) => [p.name, p.id]));

    const filmIds = new Map<string, number>();
    let creditCount = 0;
    for (const film of demoFilms) {
      const [row] = await tx
        .insert(films)
        .values({
          slug: filmSlug(film.title, film.year),
          title: film.title,
          originalTitle: film.originalTitle ?? null,
          year: film.year,
          releaseDate: film.releaseDate ?? null,
          runtimeMinutes: film.runtimeMinutes,
          originalLanguage: film.originalLanguage,
          country: film.country,
          synopsis: film.synopsis,
        })
        .onConflictDoUpdate({
          target: films.slug,
          set: {
            title: sql`excluded.title`,
            originalTitle: sql`excluded.original_title`,
            year: sql`excluded.year`,
            releaseDate: sql`excluded.release_date`,
            runtimeMinutes: sql`excluded.runtime_minutes`,
            originalLanguage: sql`excluded.original_language`,
            country: sql`excluded.country`,
            synopsis: sql`excluded.synopsis`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: films.id });
      if (!row) throw new Error(`Could not write ${film.title} (${film.year})`);
      filmIds.set(filmSlug(film.title, film.year), row.id);
      const perRole = new Map<string, number>();
      const values = film.credits.map((credit) => {
        const id = personId.get(credit.person);
        if (id === undefined)
          throw new Error(`Demo credit names an unknown person: ${credit.person}`);
        const order = perRole.get(credit.role) ?? 0;
        perRole.set(credit.role, order + 1);
        return {
          filmId: row.id,
          personId: id,
          role: credit.role,
          character: credit.character ?? null,
          billingOrder: order,
        };
      });
      await tx
        .insert(credits)
        .values(values)
        .onConflictDoUpdate({
          target: [credits.filmId, credits.personId, credits.role],
          set: { character: sql`excluded.character`, billingOrder: sql`excluded.billing_order` },
        });
      creditCount += values.length;
    }
    const entries = demoChartRuns.flatMap((run) => {
      const filmId = filmIds.get(run.film);
      const film = demoFilms.find((f) => filmSlug(f.title, f.year) === run.film);
      if (!filmId || !film) throw new Error(`Demo chart run names an unknown film: ${run.film}`);
      return run.weeks.map((w) => ({
        week: w.week,
        list: run.list,
        rank: w.rank,
        showTitle: film.title,
        seasonTitle: null,
        filmId,
        hoursViewed: Math.round(w.hours),
        runtimeHours: run.runtimeHours,
        views: Math.round(w.views),
        cumulativeWeeks: w.weeks,
        countries: w.countries ?? null,
      }));
    });
    await tx
      .insert(chartEntries)
      .values(entries)
      .onConflictDoUpdate({
        target: [chartEntries.week, chartEntries.list, chartEntries.rank],
        set: {
          showTitle: sql`excluded.show_title`,
          filmId: sql`excluded.film_id`,
          hoursViewed: sql`excluded.hours_viewed`,
          runtimeHours: sql`excluded.runtime_hours`,
          views: sql`excluded.views`,
          cumulativeWeeks: sql`excluded.cumulative_weeks`,
          countries: sql`coalesce(excluded.countries, chart_entries.countries)`,
        },
      });
    return {
      films: demoFilms.length,
      people: personRows.length,
      credits: creditCount,
      chartWeeks: entries.length,
    };
  });
}

/** Demo accounts (one moderator, one admin) and their reviews. Idempotent. */
export async function seedDemoUsers(db: Database): Promise<{ users: number; reviews: number }> {
  for (const u of demoUsers) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.handle, u.handle));
    if (!existing) await createUser(db, { ...u, password: DEMO_PASSWORD });
  }
  let count = 0;
  for (const r of demoReviews) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.handle, r.handle));
    const [film] = await db.select({ id: films.id }).from(films).where(eq(films.slug, r.film));
    if (!user || !film)
      throw new Error(`Demo review names an unknown user or film: ${r.handle}, ${r.film}`);
    await upsertReview(db, await getActor(db, { userId: user.id }), {
      filmId: film.id,
      rating: r.stars * 2,
      body: r.body ?? null,
      containsSpoilers: r.spoilers ?? false,
      watchedOn: r.watchedOn ?? null,
    });
    count++;
  }
  return { users: demoUsers.length, reviews: count };
}

/** True when the catalogue has no films yet: `npm start` seeds only then. */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(films)
    .limit(1);
  return rows.length === 0;
}

async function main() {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const summary = await seedDemo(handle.db);
    const accounts = await seedDemoUsers(handle.db);
    console.log(
      `Seeded the ${describeTarget(handle.target)}: ${summary.films} films, ${summary.people} people, ${summary.credits} credits, ` +
        `${summary.chartWeeks} chart weeks, ${accounts.users} demo accounts, ${accounts.reviews} reviews.`,
    );
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

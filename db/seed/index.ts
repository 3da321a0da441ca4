import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { filmSlug, slugify } from "../../lib/slug";
import { EDITORS, sourcesOf } from "../../lib/sources";
import { describeTarget, openDatabase, type Database } from "../index";
import { migrateDatabase } from "../migrate";
import { credits, films, people } from "../schema";
import { demoFilms, demoPeople } from "./demo-films";
import { DEMO_PASSWORD, demoReviews, demoUsers } from "./demo-users";
import { upsertReview } from "../queries/reviews";
import { importNetflixSnapshot } from "./netflix-snapshot";
import { createUser, getActor } from "../queries/users";
import { users } from "../schema";
import { eq } from "drizzle-orm";

export type SeedSummary = { films: number; people: number; credits: number };

/**
 * Writes the hand-written catalogue: films, people and credits whose facts Reelrank's editors
 * checked. Idempotent: a second run updates rows in place and adds nothing. Their chart weeks
 * come from Netflix's files (the snapshot), which match these films rather than duplicate them.
 */
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
          countries: [film.country],
          synopsis: film.synopsis,
          factSources: sourcesOf(
            {
              year: film.year,
              releaseDate: film.releaseDate,
              runtimeMinutes: film.runtimeMinutes,
              originalTitle: film.originalTitle,
              originalLanguage: film.originalLanguage,
              countries: [film.country],
              synopsis: film.synopsis,
              credits: film.credits.length ? film.credits : null,
            },
            EDITORS,
          ),
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
            countries: sql`excluded.countries`,
            synopsis: sql`excluded.synopsis`,
            factSources: sql`films.fact_sources || excluded.fact_sources`,
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
    return {
      films: demoFilms.length,
      people: personRows.length,
      credits: creditCount,
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

/**
 * The embedded default's data: the hand-written catalogue, Netflix's whole Top 10 history and
 * most-popular lists with the engagement reports' facts (the shipped snapshot), and the demo
 * accounts and their reviews. Idempotent.
 */
export async function seedAll(db: Database, target: string): Promise<void> {
  const started = performance.now();
  const catalogue = await seedDemo(db);
  const snapshot = await importNetflixSnapshot(db, {
    log: (line) => console.log(line),
    progress: progressPrinter(),
  });
  const accounts = await seedDemoUsers(db);
  const global = snapshot.top10.find((s) => s.kind === "global");
  console.log(
    `Seeded the ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${catalogue.films} hand-written films, ${global ? `${global.rowsRead} Top 10 rows (${global.titlesCreated} titles from Netflix's lists, ${global.titlesMatched} hand-written films matched), ` : ""}` +
      `facts from Netflix's engagement reports, ${accounts.users} demo accounts, ${accounts.reviews} reviews.`,
  );
}

/** Prints how far a long import is, on one line when the output is a terminal. */
function progressPrinter() {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < 500) return;
    last = now;
    const text = `  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`;
    if (process.stdout.isTTY) process.stdout.write(`\r${text}${done === total ? "\n" : ""}`);
    else if (done === total) console.log(text);
  };
}

async function main() {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    await seedAll(handle.db, describeTarget(handle.target));
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

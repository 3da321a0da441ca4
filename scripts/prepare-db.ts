/** Migrates the database named by DATABASE_URL and seeds the demo data when it has no films. */
import { describeTarget, openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedDemo, seedDemoUsers } from "../db/seed/index";

export async function prepareDatabase(): Promise<void> {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    if (await isEmpty(handle.db)) {
      const s = await seedDemo(handle.db);
      const u = await seedDemoUsers(handle.db);
      console.log(
        `Seeded demo data into the ${describeTarget(handle.target)}: ${s.films} films, ${s.people} people, ` +
          `${s.chartWeeks} chart weeks, ${u.users} demo accounts, ${u.reviews} reviews.`,
      );
    } else {
      console.log(`The ${describeTarget(handle.target)} is migrated and has data.`);
    }
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prepareDatabase().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

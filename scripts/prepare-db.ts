/** Migrates the database named by DATABASE_URL and, when it has no films, loads the default data. */
import { describeTarget, openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedAll } from "../db/seed/index";

export async function prepareDatabase(): Promise<void> {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    if (await isEmpty(handle.db)) {
      console.log(
        `The ${describeTarget(handle.target)} is empty: loading the catalogue, Netflix's Top 10 history and the demo accounts…`,
      );
      await seedAll(handle.db, describeTarget(handle.target));
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

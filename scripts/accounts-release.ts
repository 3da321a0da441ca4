/**
 * `npm run accounts:release`: releases the emails and handles of accounts deleted more than 30
 * days ago in DATABASE_URL's database. Sign-up and handle changes do it too before they check
 * whether a name is taken; this is for operators who want it done now.
 */
import { describeTarget, openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { releaseExpiredAccounts } from "../db/queries/accounts";

async function main() {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const released = await releaseExpiredAccounts(handle.db);
    console.log(
      `Released ${released.length} deleted account${released.length === 1 ? "" : "s"} in the ${describeTarget(handle.target)}.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

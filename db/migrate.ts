import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describeTarget, openDatabase, type DatabaseHandle } from "./index";

export const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

/** Arbitrary constant: serialises migrations when several processes start against one server. */
const MIGRATION_LOCK_KEY = 7_304_127;

/** Applies every committed migration not yet applied. Safe to run at every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const { target } = handle;
  if (target.kind !== "postgres") {
    await migratePglite(handle.db as unknown as PgliteDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  // One connection, so the advisory lock and the migration share a session.
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function main() {
  const handle = await openDatabase();
  try {
    const started = performance.now();
    await migrateDatabase(handle);
    console.log(
      `Migrated the ${describeTarget(handle.target)} in ${Math.round(performance.now() - started)} ms.`,
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

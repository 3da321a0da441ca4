/**
 * Test databases: every integration suite runs on a fresh in-memory PGlite and, when
 * TEST_DATABASE_URL names a PostgreSQL server, on a fresh database created on that server.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "./index";
import { migrateDatabase } from "./migrate";

export type TestEngine = "pglite" | "postgres";

export function testEngines(): TestEngine[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A migrated, empty database of the given engine; `close()` also drops a PostgreSQL one. */
export async function createTestDatabase(engine: TestEngine): Promise<DatabaseHandle> {
  if (engine === "pglite") {
    const handle = await openDatabase("memory:");
    await migrateDatabase(handle);
    return handle;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `reelrank_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase(url.toString());
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

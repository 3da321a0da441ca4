/**
 * Test databases: every integration suite runs on a fresh in-memory PGlite and, when
 * TEST_DATABASE_URL names a PostgreSQL server, on a fresh database created on that server.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
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

/**
 * A migrated, empty embedded cluster, archived once per tree of migrations (across test workers,
 * like the catalogue's) and read once per test file: each in-memory database starts from it in
 * about a second, where initialising a cluster and migrating it takes three to five.
 */
let migratedCluster: Promise<Blob> | undefined;
function migratedPgliteCluster(): Promise<Blob> {
  migratedCluster ??= (async () => {
    const archive = path.join(cacheDir, `migrated-${migrationsKey()}.tar`);
    // uncompressed: read back in a few milliseconds, where a gzip'd one takes a second
    await archiveCluster(archive, "none", () => openDatabase("memory:"), migrateDatabase);
    return new Blob([fs.readFileSync(archive)]);
  })().catch((error: unknown) => {
    migratedCluster = undefined;
    throw error;
  });
  return migratedCluster;
}

/**
 * Writes `archive` once, across test workers: the embedded cluster `open` starts and `fill`
 * completes, as PGlite dumps it.
 */
async function archiveCluster(
  archive: string,
  compression: "none" | "gzip",
  open: () => Promise<DatabaseHandle>,
  fill: (handle: DatabaseHandle) => Promise<void>,
): Promise<void> {
  await onceAcrossWorkers(
    `${archive}.building`,
    () => fs.existsSync(archive),
    async () => {
      const handle = await open();
      try {
        await fill(handle);
        const dump = await pgliteClient(handle).dumpDataDir(compression);
        fs.writeFileSync(`${archive}.tmp`, Buffer.from(await dump.arrayBuffer()));
        fs.renameSync(`${archive}.tmp`, archive);
      } finally {
        await handle.close();
      }
    },
  );
}

const pgliteClient = (handle: DatabaseHandle) =>
  (handle.db as unknown as { $client: PGlite }).$client;

/** A migrated, empty database of the given engine; `close()` also drops a PostgreSQL one. */
export async function createTestDatabase(engine: TestEngine): Promise<DatabaseHandle> {
  if (engine === "pglite") {
    return openDatabase("memory:", { loadDataDir: await migratedPgliteCluster() });
  }
  return databaseFromTemplate(`reelrank_migrated_${migrationsKey()}`, () => Promise.resolve());
}

/**
 * A fingerprint of the migrations and of what runs them (and, for the embedded cluster's archive,
 * of the PGlite that wrote it): a change to any builds a new migrated copy.
 */
function migrationsKey(): string {
  const hash = createHash("sha256");
  const dir = path.join(root, "db", "migrations");
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(fs.readFileSync(path.join(root, "db", "migrate.ts")));
  hash.update(fs.readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json")));
  return hash.digest("hex").slice(0, 16);
}

/**
 * A new database on the TEST_DATABASE_URL server, copied from `template`: a migrated database
 * that `fill` completed, built once (across test workers) and kept for the next runs. Copying it
 * takes a fraction of a second; `close()` drops the copy.
 */
async function databaseFromTemplate(
  template: string,
  fill: (handle: DatabaseHandle) => Promise<void>,
): Promise<DatabaseHandle> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const hasTemplate = async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      const found = await client.query("select 1 from pg_database where datname = $1", [template]);
      return found.rowCount === 1;
    } finally {
      await client.end();
    }
  };
  await onceAcrossWorkers(path.join(cacheDir, `${template}.building`), hasTemplate, async () => {
    const building = `${template}_building`;
    await adminQuery(`drop database if exists ${building} with (force)`);
    await adminQuery(`create database ${building}`);
    const url = new URL(base);
    url.pathname = `/${building}`;
    const handle = await openDatabase(url.toString());
    try {
      await migrateDatabase(handle);
      await fill(handle);
    } finally {
      await handle.close();
    }
    await adminQuery(`alter database ${building} rename to ${template}`);
  });
  const name = `reelrank_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name} template ${template}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase(url.toString());
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

// ── The real catalogue, built once and copied for each suite ─────────────────────────────────

const root = path.resolve(import.meta.dirname, "..");
const cacheDir = path.join(root, ".data", "test-cache");

/**
 * A fingerprint of everything that decides what the catalogue database holds: the migrations,
 * the seed and snapshot, and the importers (db/ and lib/ outside the tests), and the PGlite that
 * writes its archive. A change to any of them builds a new copy; an unchanged tree reuses the last
 * one.
 */
function catalogueKey(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!entry.name.includes(".test.") && !entry.name.includes(".suite.")) {
        hash.update(path.relative(root, file)).update(fs.readFileSync(file));
      }
    }
  };
  walk(path.join(root, "db"));
  walk(path.join(root, "lib"));
  hash.update(fs.readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json")));
  return hash.digest("hex").slice(0, 16);
}

async function loadCatalogue(db: DatabaseHandle["db"]): Promise<void> {
  // imported lazily: the seed pulls in every importer, which most suites never need
  const { seedDemo } = await import("./seed/index");
  const { importNetflixSnapshot } = await import("./seed/netflix-snapshot");
  await seedDemo(db);
  await importNetflixSnapshot(db);
}

/** Runs `build` in one test worker at a time (across processes); the others wait for `done()`. */
async function onceAcrossWorkers(
  lock: string,
  done: () => boolean | Promise<boolean>,
  build: () => Promise<void>,
): Promise<void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  while (!(await done())) {
    try {
      fs.mkdirSync(lock);
    } catch {
      // another worker is building it; a lock older than ten minutes belongs to a crashed run
      const age =
        Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!(await done())) await build();
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * The catalogue as an archive of an embedded cluster, built on first use. Besides the in-memory
 * copies below, `openDatabase("file:<dir>", { loadDataDir })` makes an on-disk database of it in
 * seconds, where initialising a fresh directory takes most of a minute.
 */
export async function catalogueArchive(key = catalogueKey()): Promise<string> {
  const archive = path.join(cacheDir, `catalogue-${key}.tar.gz`);
  await archiveCluster(
    archive,
    "gzip",
    () => createTestDatabase("pglite"),
    (handle) => loadCatalogue(handle.db),
  );
  return archive;
}

/**
 * A database holding what `npm start` loads before the demo accounts: the hand-written catalogue
 * and the shipped Netflix snapshot (about 3,400 titles, every chart week). Importing it takes
 * most of a minute, so it is built once per tree (an archive of the embedded cluster, and a
 * template database on the PostgreSQL server) and each suite gets a fresh copy in seconds.
 */
export async function createCatalogueTestDatabase(engine: TestEngine): Promise<DatabaseHandle> {
  const key = catalogueKey();
  if (engine === "pglite") {
    const archive = await catalogueArchive(key);
    return openDatabase("memory:", { loadDataDir: new Blob([fs.readFileSync(archive)]) });
  }

  return databaseFromTemplate(`reelrank_catalogue_${key}`, (handle) => loadCatalogue(handle.db));
}

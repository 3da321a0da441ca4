import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../index";
import { createTestDatabase, testEngines, type TestEngine } from "../testing";
import { writeBackupFile, type BackupHeader } from "./backup";
import { knownMigrations, listTables, qualified } from "./catalog";
import { seedEveryTable } from "./fixture";
import { moveDatabase } from "./move";
import { readBackupFile, restoreLines } from "./restore";
import { openSession } from "./session";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every row of every table as PostgreSQL's text of the whole row, sorted (engines collate differently). */
async function snapshot(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const session = await openSession(handle);
  try {
    await session.exec("set timezone = 'UTC'");
    const out: Record<string, string[]> = {};
    for (const table of await listTables(session)) {
      const rows = await session.rows(`select t::text from ${qualified(table.name)} t`);
      out[table.name] = rows.map((r) => String(r[0])).sort();
    }
    return out;
  } finally {
    session.release();
  }
}

async function backup(handle: DatabaseHandle, file: string): Promise<BackupHeader> {
  const session = await openSession(handle);
  try {
    return await writeBackupFile(session, file);
  } finally {
    session.release();
  }
}

async function restore(handle: DatabaseHandle, file: string, force = false) {
  const session = await openSession(handle);
  try {
    return await restoreLines(session, readBackupFile(file), { force });
  } finally {
    session.release();
  }
}

/** A copy of a backup with its lines rewritten by `edit`. */
function rewrite(file: string, edit: (lines: string[]) => string[]): string {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n");
  const copy = path.join(dir, `edited-${randomBytes(4).toString("hex")}.gz`);
  fs.writeFileSync(copy, zlib.gzipSync(edit(lines).join("\n")));
  return copy;
}

let migratedPglite: Promise<Blob> | null = null;

/**
 * A new migrated, empty database. Migrating PGlite takes long on a busy machine, so its
 * databases start from one migrated cluster's archive.
 */
async function emptyDatabase(engine: TestEngine): Promise<DatabaseHandle> {
  if (engine === "postgres") return createTestDatabase(engine);
  migratedPglite ??= (async () => {
    const handle = await createTestDatabase("pglite");
    try {
      const client = (handle.db as unknown as { $client: PGlite }).$client;
      return await client.dumpDataDir("none");
    } finally {
      await handle.close();
    }
  })();
  return openDatabase("memory:", { loadDataDir: await migratedPglite });
}

/** A database on the engine with no migrations applied at all. */
async function bareDatabase(engine: TestEngine): Promise<DatabaseHandle> {
  if (engine === "pglite") return openDatabase("memory:");
  const name = `reelrank_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const handle = await openDatabase(url.toString());
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe.each(testEngines())("backup and restore on %s", (engine) => {
  let source: DatabaseHandle;
  let file: string;
  let header: BackupHeader;
  let original: Record<string, string[]>;
  const opened: DatabaseHandle[] = [];
  const fresh = async (make = () => emptyDatabase(engine)) => {
    const handle = await make();
    opened.push(handle);
    return handle;
  };

  beforeAll(async () => {
    source = await fresh();
    await seedEveryTable(source.db);
    file = path.join(dir, `${engine}.jsonl.gz`);
    header = await backup(source, file);
    original = await snapshot(source);
  }, 300_000);
  afterAll(async () => {
    for (const handle of opened) await handle.close();
  });

  it("covers every table of the schema, and the test data fills every one", async () => {
    const session = await openSession(source);
    const tables = await session
      .rows(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
      )
      .finally(() => session.release());
    const names = tables.map((r) => String(r[0]));
    expect(names.length).toBeGreaterThan(40);
    expect(header.tables.map((t) => t.name).sort()).toEqual(names);
    const empty = header.tables.filter((t) => t.rows === 0).map((t) => t.name);
    expect(empty, "tables without a row in the test data: add some to fixture.ts").toEqual([]);
    expect(header.migrations.lastTag).toBe(knownMigrations().at(-1)!.tag);
  });

  it("restores into a new database identical row for row, and ids continue after the largest", async () => {
    const target = await fresh();
    const summary = await restore(target, file);
    expect(summary.rows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));
    expect(await snapshot(target)).toEqual(original);

    const session = await openSession(target);
    try {
      const [[id]] = (await session.rows(
        "insert into mail_outbox (to_address, subject, text_body) values ('a@b.c', 's', 't') returning id",
      )) as [[number]];
      const [[max]] = (await session.rows("select max(id) from mail_outbox where id <> $1", [
        id,
      ])) as [[number]];
      expect(id).toBe(max + 1);
      // the append-only guard is back on after the restore
      await expect(session.rows("delete from moderation_log")).rejects.toThrow(/append-only/);
    } finally {
      session.release();
    }
  }, 120_000);

  it("migrates a database that was never migrated to the backup's level, then restores it", async () => {
    const target = await fresh(() => bareDatabase(engine));
    const summary = await restore(target, file);
    expect(summary.migrationsApplied).toBe(knownMigrations().length);
    expect(await snapshot(target)).toEqual(original);
  }, 300_000);

  it("refuses a database with data or a damaged backup, leaving it as it was; --force replaces it", async () => {
    const target = await fresh();
    await seedEveryTable(target.db);
    const session = await openSession(target);
    await session
      .exec(
        "insert into mail_outbox (to_address, subject, text_body) values ('x@y.z', 'kept', ''); insert into moderation_log (actor_id, actor_handle, action, target_type, target_id) values ('u', 'u', 'extra', 'review', '9')",
      )
      .finally(() => session.release());
    const before = await snapshot(target);
    expect(before).not.toEqual(original);

    await expect(restore(target, file)).rejects.toThrow(
      /not empty \(\d+ tables have rows: .*--force/,
    );
    expect(await snapshot(target)).toEqual(before);

    // cut in the middle of the gzip stream
    const bytes = fs.readFileSync(file);
    const truncated = path.join(dir, `${engine}-truncated.gz`);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restore(target, truncated, true)).rejects.toThrow(/not a complete backup/);
    expect(await snapshot(target)).toEqual(before);

    // whole lines cut off: the gzip is sound, the backup is not
    const cut = rewrite(file, (lines) => lines.slice(0, Math.floor(lines.length / 2)));
    await expect(restore(target, cut, true)).rejects.toThrow(/ends early/);
    expect(await snapshot(target)).toEqual(before);

    // a value changed: the table's checksum no longer matches
    const altered = rewrite(file, (lines) =>
      lines.map((line) => line.replace("동의합니다", "동의하지 않습니다")),
    );
    await expect(restore(target, altered, true)).rejects.toThrow(/damaged.*checksum/);
    expect(await snapshot(target)).toEqual(before);

    // made by code that knows a migration this code does not
    const newer = rewrite(file, ([first, ...rest]) => {
      const h = JSON.parse(first!) as BackupHeader;
      h.migrations = {
        count: h.migrations.count + 1,
        lastWhen: Date.now() + 1e9,
        lastTag: "9999_future",
        lastHash: null,
      };
      return [JSON.stringify(h), ...rest];
    });
    await expect(restore(target, newer, true)).rejects.toThrow(/newer Reelrank.*9999_future/);

    const other = path.join(dir, "not-a-backup.gz");
    fs.writeFileSync(other, zlib.gzipSync('{"hello":"world"}\n'));
    await expect(restore(target, other, true)).rejects.toThrow(/not a Reelrank backup/);
    const plain = path.join(dir, "plain.txt");
    fs.writeFileSync(plain, "hello");
    await expect(restore(target, plain, true)).rejects.toThrow(/not a complete backup/);
    expect(await snapshot(target)).toEqual(before);

    // --force empties it (moderation_log refuses TRUNCATE outside a restore) and restores
    await restore(target, file, true);
    expect(await snapshot(target)).toEqual(original);
  }, 300_000);

  it.each(testEngines())(
    "moves into an empty %s database identically, and only once",
    async (to) => {
      const target = await fresh(() => emptyDatabase(to));
      const a = await openSession(source);
      const b = await openSession(target);
      try {
        await moveDatabase(a, b);
        await expect(moveDatabase(a, b)).rejects.toThrow(/not empty/);
      } finally {
        a.release();
        b.release();
      }
      expect(await snapshot(target)).toEqual(original);
    },
    120_000,
  );
});

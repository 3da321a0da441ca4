/**
 * The three commands as a user runs them, on embedded databases on disk (and PostgreSQL for
 * db:move when TEST_DATABASE_URL is set): exit codes, what they print, what they leave behind.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../index";
import { migrateDatabase } from "../migrate";
import { seedEveryTable } from "./fixture";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-backup-cli-"));
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function run(script: string, args: string[], databaseUrl: string) {
  const result = spawnSync(tsx, ["--conditions=react-server", `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function count(url: string, table: string): Promise<number> {
  const handle = await openDatabase(url);
  try {
    const result = await handle.db.execute<{ n: number }>(
      sql.raw(`select count(*)::int as n from ${table}`),
    );
    return (result as { rows: { n: number }[] }).rows[0]!.n;
  } finally {
    await handle.close();
  }
}

describe("npm run db:backup, db:restore and db:move", () => {
  const source = `file:${path.join(dir, "source")}`;
  const target = `file:${path.join(dir, "target")}`;
  const file = path.join(dir, "backup.jsonl.gz");

  beforeAll(async () => {
    const handle = await openDatabase(source);
    try {
      await migrateDatabase(handle);
      await seedEveryTable(handle.db);
    } finally {
      await handle.close();
    }
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("backs up, restores into a new directory, and refuses a second restore without --force", async () => {
    const backup = run("db-backup", [file], source);
    expect(backup.stderr).toMatch(/backing up films: 14 \/ 14 rows/);
    expect(backup.stdout).toMatch(
      /Backed up the embedded database .* to .*backup\.jsonl\.gz: \d+ tables/,
    );
    expect(backup.code).toBe(0);

    const restored = run("db-restore", [file], target);
    expect(restored.stdout).toMatch(/Restored .* counts and checksums verified/);
    expect(restored.code).toBe(0);
    expect(await count(target, "reviews")).toBe(await count(source, "reviews"));

    const again = run("db-restore", [file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty .* pass --force/);
    expect(again.stderr).toMatch(/Nothing was restored/);

    const forced = run("db-restore", [file, "--force"], target);
    expect(forced.code).toBe(0);
    expect(await count(target, "reviews")).toBe(await count(source, "reviews"));
  }, 600_000);

  it("db:move wants a PostgreSQL destination and says what to set next", async () => {
    const wrong = run("db-move", ["--to", "file:./elsewhere"], source);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Usage: npm run db:move -- --to postgres:/);

    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const name = `reelrank_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(base);
      url.pathname = `/${name}`;
      const moved = run("db-move", ["--to", url.toString()], source);
      expect(moved.code).toBe(0);
      expect(moved.stdout).toContain(`export DATABASE_URL='${url.toString()}'`);
      expect(moved.stdout).toMatch(/export AUTH_SECRET=/);
      expect(await count(url.toString(), "reviews")).toBe(await count(source, "reviews"));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 600_000);
});

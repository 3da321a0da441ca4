/**
 * The backup format, engine-independent: a gzip'd stream of JSON lines.
 *
 *   {"format":"reelrank-backup","version":1,…,"tables":[{"name","columns","primaryKey","rows"}…]}
 *   {"table":"films"}                     then one line per row: an array of each column's text
 *   ["1","amelie-2001",…,null]            (PostgreSQL's own text form, NULL as null), in key order
 *   {"end":"films","rows":3412,"digest":"…"}  the rows' digest (RowDigest: the order-free sum
 *   …every table, parents before children…   of each row line's SHA-256)
 *   {"end":"backup","sha256":"…"}         SHA-256 of every line above it
 *
 * Text is what PostgreSQL's input functions read back exactly, for every type (timestamptz in UTC,
 * jsonb, numeric, bigint, enums, arrays), so a backup of either engine restores into either.
 * The header's row counts are read in the same snapshot as the rows; the checksums come last,
 * since the writer streams and never holds a table in memory.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import {
  knownMigrations,
  listTables,
  migrationLevel,
  qualified,
  type MigrationLevel,
  type Table,
} from "./catalog";
import { quoteIdent, type Session } from "./session";

export const BACKUP_FORMAT = "reelrank-backup";
export const BACKUP_VERSION = 1;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: Session["engine"];
  migrations: MigrationLevel & { lastHash: string | null };
  tables: { name: string; columns: string[]; primaryKey: string[]; rows: number }[];
};
export type TableStart = { table: string };
export type TableEnd = { end: string; rows: number; digest: string };

const MASK = (1n << 256n) - 1n;

/**
 * A digest of a table's rows that does not depend on their order: the sum, modulo 2^256, of each
 * row line's SHA-256. Restore compares it with the rows read back from the new database, whose
 * engine may sort text keys in another collation.
 */
export class RowDigest {
  private sum = 0n;
  add(line: string): void {
    this.sum = (this.sum + BigInt(`0x${createHash("sha256").update(line).digest("hex")}`)) & MASK;
  }
  hex(): string {
    return this.sum.toString(16).padStart(64, "0");
  }
}

export type Progress = (event: { table: string; rows: number; total: number }) => void;

const BATCH = 5_000;

/** Session settings that make every value's text form canonical (UTC, ISO dates). */
export async function canonicalSettings(session: Session): Promise<void> {
  await session.exec(
    "set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'; set local extra_float_digits = 3; set local bytea_output = 'hex'",
  );
}

/**
 * Every row of `table` as JSON lines: in primary-key order, read in keyset batches, or through a
 * cursor for a table without one (handle_redirects is keyed by a unique expression index).
 * Call inside a transaction.
 */
export async function* tableRowLines(session: Session, table: Table): AsyncGenerator<string> {
  const select = table.columns.map((c) => `t.${quoteIdent(c.name)}::text`).join(", ");
  if (table.primaryKey.length === 0) {
    const cursor = quoteIdent(`backup_${table.name}`);
    await session.exec(
      `declare ${cursor} no scroll cursor for select ${select} from ${qualified(table.name)} t`,
    );
    try {
      for (;;) {
        const rows = await session.rows(`fetch ${BATCH} from ${cursor}`);
        for (const row of rows) yield JSON.stringify(row);
        if (rows.length < BATCH) return;
      }
    } finally {
      await session.exec(`close ${cursor}`);
    }
  }
  const keyIndex = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  // qualified: a bare name in ORDER BY would mean the select list's text column of that name
  const keyColumns = table.primaryKey.map((k) => `t.${quoteIdent(k)}`).join(", ");
  const keyTypes = keyIndex.map((i) => table.columns[i]!.type);
  const order = `order by ${keyColumns}`;
  let last: unknown[] | null = null;
  for (;;) {
    const where = last
      ? `where (${keyColumns}) > (${keyTypes.map((t, i) => `$${i + 1}::${t}`).join(", ")})`
      : "";
    const rows = await session.rows(
      `select ${select} from ${qualified(table.name)} t ${where} ${order} limit ${BATCH}`,
      last ?? [],
    );
    for (const row of rows) yield JSON.stringify(row);
    if (rows.length < BATCH) return;
    const end = rows[rows.length - 1]!;
    last = keyIndex.map((i) => end[i]);
  }
}

/**
 * The backup as lines (no newlines), read in one REPEATABLE READ READ ONLY transaction: every
 * table as of one instant, whatever writers do meanwhile.
 */
export async function* backupLines(
  session: Session,
  options: { onProgress?: Progress } = {},
): AsyncGenerator<string> {
  await session.exec("begin isolation level repeatable read read only");
  try {
    await canonicalSettings(session);
    const known = knownMigrations();
    const level = await migrationLevel(session, known);
    const tables = await listTables(session);
    const counts: number[] = [];
    for (const table of tables) {
      const [row] = await session.rows(`select count(*)::text from ${qualified(table.name)}`);
      counts.push(Number(row?.[0] ?? 0));
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      engine: session.engine,
      migrations: {
        ...level,
        lastHash: known.find((m) => m.when === level.lastWhen)?.hash ?? null,
      },
      tables: tables.map((t, i) => ({
        name: t.name,
        columns: t.columns.map((c) => c.name),
        primaryKey: t.primaryKey,
        rows: counts[i]!,
      })),
    };
    const whole = createHash("sha256");
    const emit = (line: string) => {
      whole.update(line).update("\n");
      return line;
    };
    yield emit(JSON.stringify(header));
    for (const [i, table] of tables.entries()) {
      yield emit(JSON.stringify({ table: table.name } satisfies TableStart));
      const digest = new RowDigest();
      let rows = 0;
      for await (const line of tableRowLines(session, table)) {
        digest.add(line);
        rows++;
        if (rows % 50_000 === 0)
          options.onProgress?.({ table: table.name, rows, total: counts[i]! });
        yield emit(line);
      }
      options.onProgress?.({ table: table.name, rows, total: counts[i]! });
      yield emit(
        JSON.stringify({
          end: table.name,
          rows,
          digest: digest.hex(),
        } satisfies TableEnd),
      );
    }
    yield JSON.stringify({ end: "backup", sha256: whole.digest("hex") });
  } finally {
    await session.exec("rollback");
  }
}

/** Writes a gzip'd backup to `file` (through a temporary name, so a failed run leaves no file). */
export async function writeBackupFile(
  session: Session,
  file: string,
  options: { onProgress?: Progress } = {},
): Promise<BackupHeader> {
  const temporary = `${file}.partial`;
  let header: BackupHeader | null = null;
  async function* withNewlines() {
    let chunk = "";
    for await (const line of backupLines(session, options)) {
      header ??= JSON.parse(line) as BackupHeader;
      chunk += line + "\n";
      if (chunk.length >= 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  try {
    await pipeline(
      Readable.from(withNewlines()),
      zlib.createGzip({ level: 6 }),
      fs.createWriteStream(temporary),
    );
    fs.renameSync(temporary, file);
    return header!;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Prints "table: rows" on stderr, overwriting one line on a terminal. */
export function stderrProgress(verb: string): Progress {
  return ({ table, rows, total }) => {
    const text = `${verb} ${table}: ${rows.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[K${text}${rows === total ? "\n" : ""}`);
    } else if (rows === total || rows % 500_000 === 0) {
      process.stderr.write(`${text}\n`);
    }
  };
}

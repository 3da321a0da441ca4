/**
 * Restores a backup (backup.ts) into a database in ONE transaction: migrate to the backup's level,
 * refuse a database with data (unless forced, which empties it first), load every table, check
 * every count and checksum, reset the sequences. Any failure rolls everything back, so the
 * database is left exactly as it was.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import zlib from "node:zlib";
import {
  knownMigrations,
  listTables,
  migrateWithin,
  migrationLevel,
  qualified,
  serialColumns,
  tablesWithTriggers,
  type Table,
} from "./catalog";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  canonicalSettings,
  RowDigest,
  tableRowLines,
  type BackupHeader,
  type Progress,
  type TableEnd,
  type TableStart,
} from "./backup";
import { quoteIdent, type Session } from "./session";

/** A restore the user can fix (wrong file, non-empty target…): its message is the whole story. */
export class RestoreRefused extends Error {}

export type RestoreOptions = { force?: boolean; onProgress?: Progress };
export type RestoreSummary = { tables: number; rows: number; migrationsApplied: number };

type Value = string | null;

const BATCH_ROWS = 1_000;
const BATCH_CHARS = 4 << 20;

/** The lines of a gzip'd backup file, streamed. */
export async function* readBackupFile(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new RestoreRefused(`No backup file at ${file}.`);
  const gunzip = zlib.createGunzip();
  const input = fs.createReadStream(file).pipe(gunzip);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let failure = null as Error | null;
  gunzip.on("error", (error) => {
    failure = error;
    lines.close();
  });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) {
    throw new RestoreRefused(
      `${file} is not a complete backup (${failure.message}); nothing was restored.`,
    );
  }
}

function parseLine<T>(line: string | undefined, what: string): T {
  if (line === undefined) throw new RestoreRefused(`The backup ends early: ${what} is missing.`);
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new RestoreRefused(`The backup is damaged: ${what} is not valid JSON.`);
  }
}

function checkHeader(header: BackupHeader): void {
  if (header?.format !== BACKUP_FORMAT) {
    throw new RestoreRefused(
      "This is not a Reelrank backup (its first line has no backup header).",
    );
  }
  if (header.version > BACKUP_VERSION) {
    throw new RestoreRefused(
      `This backup uses format version ${header.version}; this code reads up to version ${BACKUP_VERSION}. Restore it with a newer Reelrank.`,
    );
  }
}

async function rowsIn(session: Session, table: string): Promise<number> {
  const [row] = await session.rows(`select count(*)::text from ${qualified(table)}`);
  return Number(row?.[0] ?? 0);
}

async function tablesWithData(session: Session, tables: Table[]): Promise<string[]> {
  const withData: string[] = [];
  for (const table of tables) {
    const [row] = await session.rows(`select exists (select 1 from ${qualified(table.name)})`);
    if (row?.[0]) withData.push(table.name);
  }
  return withData;
}

async function insertBatch(session: Session, table: Table, rows: Value[][]): Promise<void> {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
  const casts = table.columns.map((c, i) => `u.c${i}::${c.type}`).join(", ");
  const arrays = table.columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const aliases = table.columns.map((_, i) => `c${i}`).join(", ");
  const params = table.columns.map((_, i) => rows.map((row) => row[i] ?? null));
  await session.rows(
    `insert into ${qualified(table.name)} (${columns}) select ${casts} from unnest(${arrays}) as u(${aliases})`,
    params,
  );
}

/** Restores the backup whose lines `source` yields into the session's database. */
export async function restoreLines(
  session: Session,
  source: AsyncIterable<string>,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const lines = source[Symbol.asyncIterator]();
  const whole = createHash("sha256");
  const next = async (what: string): Promise<string> => {
    const step: IteratorResult<string> = await lines.next();
    if (step.done) throw new RestoreRefused(`The backup ends early: ${what} is missing.`);
    return step.value;
  };
  const consume = (line: string) => {
    whole.update(line).update("\n");
    return line;
  };

  const header = parseLine<BackupHeader>(consume(await next("the header")), "the header");
  checkHeader(header);
  const known = knownMigrations();
  const latest = known[known.length - 1];
  if (header.migrations.lastWhen > (latest?.when ?? 0)) {
    throw new RestoreRefused(
      `This backup comes from a newer Reelrank (${header.migrations.count} migrations applied, the last ${header.migrations.lastTag ?? "unknown here"}); this code knows ${known.length} (up to ${latest?.tag}). Restore it with the code it was made with, or a newer one.`,
    );
  }
  if (header.migrations.lastWhen > 0 && !known.some((m) => m.when === header.migrations.lastWhen)) {
    throw new RestoreRefused(
      "This backup's migration level is not one this code knows: it was made by a different line of development.",
    );
  }

  const current = await migrationLevel(session, known);
  if (current.lastWhen > header.migrations.lastWhen) {
    throw new RestoreRefused(
      `The target database is at a newer migration level (${current.lastTag}) than the backup (${header.migrations.lastTag ?? "none"}). Restore into a new, empty database.`,
    );
  }
  let migrationsApplied = 0;
  if (current.lastWhen < header.migrations.lastWhen) {
    // Migrations commit on their own, before the data: PostgreSQL refuses to use an enum value
    // in the transaction that added it (0005 adds 'editor'). Only an empty database is migrated,
    // so a failed restore still leaves no data behind, just the schema.
    const withData = await tablesWithData(session, await listTables(session));
    if (withData.length > 0) {
      throw new RestoreRefused(
        `The target database holds data at an older migration level (${current.lastTag ?? "none"}) than the backup (${header.migrations.lastTag}). Restore into an empty database.`,
      );
    }
    await session.exec("begin");
    try {
      migrationsApplied = await migrateWithin(
        session,
        current.lastWhen,
        header.migrations.lastWhen,
        known,
      );
      await session.exec("commit");
    } catch (error) {
      await session.exec("rollback").catch(() => {});
      throw error;
    }
  }

  await session.exec("begin");
  try {
    await canonicalSettings(session);
    const tables = await listTables(session);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const inBackup = new Set(header.tables.map((t) => t.name));
    const missingHere = header.tables.filter((t) => !byName.has(t.name)).map((t) => t.name);
    const missingThere = tables.filter((t) => !inBackup.has(t.name)).map((t) => t.name);
    if (missingHere.length || missingThere.length) {
      throw new RestoreRefused(
        `The backup's tables do not match the schema at its migration level (${[
          missingHere.length ? `not in the schema: ${missingHere.join(", ")}` : "",
          missingThere.length ? `not in the backup: ${missingThere.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join("; ")}).`,
      );
    }
    for (const t of header.tables) {
      const here = byName.get(t.name)!.columns.map((c) => c.name);
      if (here.join(",") !== t.columns.join(",")) {
        throw new RestoreRefused(
          `The backup's columns of ${t.name} (${t.columns.join(", ")}) differ from the schema's (${here.join(", ")}).`,
        );
      }
    }

    const withData = await tablesWithData(session, tables);
    const triggered = await tablesWithTriggers(session);
    // Triggers guard the app's writes (moderation_log is append-only, slug changes leave
    // redirects); a restore writes history as it was, so they stay off until it is in.
    for (const name of triggered) {
      await session.exec(`alter table ${qualified(name)} disable trigger user`);
    }
    if (withData.length > 0) {
      if (!options.force) {
        throw new RestoreRefused(
          `The target database is not empty (${withData.length} table${withData.length > 1 ? "s have" : " has"} rows: ${withData.slice(0, 5).join(", ")}${withData.length > 5 ? ", …" : ""}). Restore into an empty database, or pass --force to replace everything in it.`,
        );
      }
      await session.exec(
        `truncate ${tables.map((t) => qualified(t.name)).join(", ")} restart identity`,
      );
    }

    let totalRows = 0;
    for (const expected of header.tables) {
      const table = byName.get(expected.name)!;
      const start = parseLine<TableStart>(
        consume(await next(`table ${expected.name}`)),
        `the start of ${expected.name}`,
      );
      if (start.table !== expected.name) {
        throw new RestoreRefused(
          `The backup is damaged: expected table ${expected.name}, found ${JSON.stringify(start).slice(0, 80)}.`,
        );
      }
      const hash = new RowDigest();
      let batch: Value[][] = [];
      let chars = 0;
      let rows = 0;
      let end: TableEnd | null = null;
      for (;;) {
        const line = consume(await next(`the end of ${expected.name}`));
        if (!line.startsWith("[")) {
          end = parseLine<TableEnd>(line, `the end of ${expected.name}`);
          break;
        }
        const row = parseLine<Value[]>(line, `row ${rows + 1} of ${expected.name}`);
        if (
          !Array.isArray(row) ||
          row.length !== table.columns.length ||
          !row.every((v) => v === null || typeof v === "string")
        ) {
          throw new RestoreRefused(
            `The backup is damaged: row ${rows + 1} of ${expected.name} does not match the table's columns.`,
          );
        }
        hash.add(line);
        batch.push(row);
        chars += line.length;
        rows++;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
          await insertBatch(session, table, batch);
          batch = [];
          chars = 0;
          if (rows % 50_000 === 0) {
            options.onProgress?.({ table: table.name, rows, total: expected.rows });
          }
        }
      }
      if (batch.length) await insertBatch(session, table, batch);
      const digest = hash.hex();
      if (end.end !== expected.name || end.rows !== rows || end.digest !== digest) {
        throw new RestoreRefused(
          `The backup is damaged: ${expected.name} should hold ${expected.rows} rows with checksum ${end.digest}, it holds ${rows} with ${digest}.`,
        );
      }
      if (rows !== expected.rows || (await rowsIn(session, table.name)) !== expected.rows) {
        throw new RestoreRefused(
          `${expected.name}: the header says ${expected.rows} rows, ${rows} were restored.`,
        );
      }
      // Read back what the database now holds: the same text, or the restore is not exact.
      const reread = new RowDigest();
      for await (const line of tableRowLines(session, table)) reread.add(line);
      if (reread.hex() !== digest) {
        throw new RestoreRefused(
          `${expected.name}: the restored rows read back differently from the backup (checksum mismatch).`,
        );
      }
      options.onProgress?.({ table: table.name, rows, total: expected.rows });
      totalRows += rows;
    }
    const expectedWhole = whole.digest("hex");
    const trailer = parseLine<{ end: string; sha256: string }>(
      await next("the final checksum"),
      "the final checksum",
    );
    if (trailer.end !== "backup" || trailer.sha256 !== expectedWhole) {
      throw new RestoreRefused("The backup is damaged: its final checksum does not match.");
    }
    const { done } = await lines.next();
    if (!done) throw new RestoreRefused("The backup is damaged: it goes on after its end.");

    for (const name of triggered) {
      await session.exec(`alter table ${qualified(name)} enable trigger user`);
    }
    for (const { table, column, sequence } of await serialColumns(session)) {
      await session.rows(
        `select setval($1::regclass, coalesce(max(${quoteIdent(column)}), 1), max(${quoteIdent(column)}) is not null) from ${qualified(table)}`,
        [sequence],
      );
    }
    await session.exec("commit");
    return { tables: header.tables.length, rows: totalRows, migrationsApplied };
  } catch (error) {
    await session.exec("rollback").catch(() => {});
    throw error;
  }
}

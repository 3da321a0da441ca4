/**
 * The generator's own access to the database, under Drizzle: raw statements on the engine's
 * client, one transaction for the whole run, and batched inserts that read their rows from a JSON
 * parameter (`json_to_recordset`).
 */
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "../../index";
import type { Progress } from "./progress";

export type Row = Record<string, unknown>;
export type Run = (text: string, params?: unknown[]) => Promise<Row[]>;

function clientOf(db: Database): PGlite | pg.Pool {
  return (db as unknown as { $client: PGlite | pg.Pool }).$client;
}

export async function inTransaction<T>(db: Database, fn: (run: Run) => Promise<T>): Promise<T> {
  const client = clientOf(db);
  if (client instanceof pg.Pool) {
    const c = await client.connect();
    try {
      await c.query("begin");
      const result = await fn(async (text, params) => (await c.query<Row>(text, params)).rows);
      await c.query("commit");
      return result;
    } catch (error) {
      await c.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }
  return client.transaction((tx) =>
    fn(async (text, params) => (await tx.query<Row>(text, params)).rows),
  );
}

/** One statement outside any transaction. */
export async function query(db: Database, text: string): Promise<Row[]> {
  const client = clientOf(db);
  if (client instanceof pg.Pool) return (await client.query<Row>(text)).rows;
  return (await client.query<Row>(text)).rows;
}

/** Writes rows in batches: `insert … select … from json_to_recordset($1::json) as x(…)`. */
export async function insertBatches<T>(
  run: Run,
  progress: Progress,
  phase: string,
  statement: string,
  count: number,
  row: (i: number) => T,
  { batchSize = 5000, params = [] }: { batchSize?: number; params?: unknown[] } = {},
) {
  progress.start(phase, count);
  for (let from = 0; from < count; from += batchSize) {
    const to = Math.min(count, from + batchSize);
    const batch: T[] = [];
    for (let i = from; i < to; i++) batch.push(row(i));
    await run(statement, [JSON.stringify(batch), ...params]);
    progress.add(to - from);
  }
}

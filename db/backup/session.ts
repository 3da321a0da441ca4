/**
 * One database session for backup and restore: a single connection, so that one transaction
 * (and one snapshot) covers every statement. Both engines answer the same plain SQL here; rows come
 * back as arrays of text so that no driver type parser touches a value on its way through.
 */
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { DatabaseHandle } from "../index";

export type Session = {
  engine: "pglite" | "postgres";
  /** Rows as arrays, in select-list order. */
  rows(text: string, params?: unknown[]): Promise<unknown[][]>;
  /** One or more statements without parameters (migrations, transaction control). */
  exec(text: string): Promise<void>;
  release(): void;
};

export async function openSession(handle: DatabaseHandle): Promise<Session> {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.target.kind === "postgres") {
    const connection = await (client as pg.Pool).connect();
    return {
      engine: "postgres",
      rows: async (text, params = []) =>
        (await connection.query<unknown[]>({ text, values: params, rowMode: "array" })).rows,
      exec: async (text) => {
        await connection.query(text);
      },
      release: () => connection.release(),
    };
  }
  const lite = client as PGlite;
  return {
    engine: "pglite",
    rows: async (text, params = []) =>
      (await lite.query<unknown[]>(text, params, { rowMode: "array" })).rows,
    exec: async (text) => {
      await lite.exec(text);
    },
    release: () => {},
  };
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What the backup reads from the database's own catalogue: every table of the app's schema, its
 * columns and types, its primary key, the order foreign keys impose, and the migration level.
 * Read at run time, so a table added by a future migration is backed up without a code change.
 */
import fs from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER } from "../migrate";
import { quoteIdent, type Session } from "./session";

export type Column = { name: string; type: string };
export type Table = { name: string; columns: Column[]; primaryKey: string[] };

const SCHEMA = "public";

/** Every base table of the app's schema, parents before children (foreign keys). */
export async function listTables(session: Session): Promise<Table[]> {
  const names = (
    await session.rows(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
      [SCHEMA],
    )
  ).map((r) => String(r[0]));
  const columns = await session.rows(
    `select c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by c.relname, a.attnum`,
    [SCHEMA],
  );
  const keys = await session.rows(
    `select c.relname, a.attname
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     cross join lateral unnest(k.conkey) with ordinality as u(attnum, position)
     join pg_attribute a on a.attrelid = c.oid and a.attnum = u.attnum
     where n.nspname = $1 and k.contype = 'p' order by c.relname, u.position`,
    [SCHEMA],
  );
  const references = await session.rows(
    `select c.relname, p.relname
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and k.contype = 'f' and k.conrelid <> k.confrelid`,
    [SCHEMA],
  );

  const tables = new Map<string, Table>(
    names.map((name) => [name, { name, columns: [], primaryKey: [] }]),
  );
  for (const [table, name, type] of columns) {
    tables.get(String(table))?.columns.push({ name: String(name), type: String(type) });
  }
  for (const [table, name] of keys) tables.get(String(table))?.primaryKey.push(String(name));

  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  for (const [child, parent] of references) parents.get(String(child))?.add(String(parent));
  const ordered: Table[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      throw new Error(`Foreign keys form a cycle: ${[...trail, name].join(" → ")}`);
    }
    state.set(name, "visiting");
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, [...trail, name]);
    state.set(name, "done");
    ordered.push(tables.get(name)!);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

/** Tables that carry user triggers (moderation_log refuses UPDATE, DELETE and TRUNCATE). */
export async function tablesWithTriggers(session: Session): Promise<string[]> {
  return (
    await session.rows(
      `select distinct c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and not t.tgisinternal order by 1`,
      [SCHEMA],
    )
  ).map((r) => String(r[0]));
}

/** Serial/identity columns and their sequences. */
export async function serialColumns(
  session: Session,
): Promise<{ table: string; column: string; sequence: string }[]> {
  const rows = await session.rows(
    `select c.relname, a.attname, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null
     order by 1, 2`,
    [SCHEMA],
  );
  return rows.map(([table, column, sequence]) => ({
    table: String(table),
    column: String(column),
    sequence: String(sequence),
  }));
}

export const qualified = (table: string) => `${quoteIdent(SCHEMA)}.${quoteIdent(table)}`;

// ── Migration levels ───────────────────────────────────────────────────────────────────────────

export type Migration = { tag: string; when: number; hash: string; statements: string[] };

/** The migrations this code knows, oldest first. */
export function knownMigrations(folder = MIGRATIONS_FOLDER): Migration[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"),
  ) as { entries: { tag: string; when: number }[] };
  const files = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((entry, i) => ({
    tag: entry.tag,
    when: entry.when,
    hash: files[i]!.hash,
    statements: files[i]!.sql,
  }));
}

export type MigrationLevel = { count: number; lastWhen: number; lastTag: string | null };

/** What drizzle's migrations table says was applied (count 0 on a database never migrated). */
export async function migrationLevel(
  session: Session,
  known: Migration[] = knownMigrations(),
): Promise<MigrationLevel> {
  const [exists] = await session.rows(
    "select to_regclass('drizzle.__drizzle_migrations') is not null",
  );
  if (!exists?.[0]) return { count: 0, lastWhen: 0, lastTag: null };
  const [row] = await session.rows(
    "select count(*)::int, coalesce(max(created_at), 0)::text from drizzle.__drizzle_migrations",
  );
  const lastWhen = Number(row?.[1] ?? 0);
  return {
    count: Number(row?.[0] ?? 0),
    lastWhen,
    lastTag: known.find((m) => m.when === lastWhen)?.tag ?? null,
  };
}

/**
 * Applies the known migrations after `from` up to and including `to`, inside the caller's
 * transaction, recording each in drizzle's table exactly as drizzle's migrator does, so that a
 * later `npm run db:migrate` continues from there.
 */
export async function migrateWithin(
  session: Session,
  fromWhen: number,
  toWhen: number,
  known: Migration[] = knownMigrations(),
): Promise<number> {
  await session.exec(`create schema if not exists drizzle;
    create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
  let applied = 0;
  for (const migration of known) {
    if (migration.when <= fromWhen || migration.when > toWhen) continue;
    for (const statement of migration.statements) {
      if (statement.trim()) await session.exec(statement);
    }
    await session.rows(
      "insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)",
      [migration.hash, migration.when],
    );
    applied++;
  }
  return applied;
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../index";
import { films, people, series, slugRedirects, type SlugKind } from "../schema";

const TABLES = { film: films, series, person: people } as const;

/** The current slug of whatever had `slug` before, or null: old URLs redirect, never break. */
export async function getCurrentSlug(
  db: Executor,
  { kind, slug }: { kind: SlugKind; slug: string },
): Promise<string | null> {
  const table = TABLES[kind];
  const [row] = await db
    .select({ slug: table.slug })
    .from(slugRedirects)
    .innerJoin(table, eq(table.id, slugRedirects.targetId))
    .where(and(eq(slugRedirects.kind, kind), eq(slugRedirects.slug, slug)))
    .limit(1);
  return row?.slug ?? null;
}

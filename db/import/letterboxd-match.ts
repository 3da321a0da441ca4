/**
 * Which catalogue film each title of an export names: by title (case, accents and punctuation
 * aside) and year, or by a Reelrank film address when the export came from Reelrank.
 */
import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Candidate } from "../../lib/letterboxd/report";
import type { Executor } from "../index";
import { searchCatalogue } from "../queries/search";
import { films } from "../schema";

/** Titles that matched nothing for which close titles are looked up (a search each). */
const MAX_NEARBY_LOOKUPS = 100;

export type Match =
  | { filmId: number; slug: string; candidates?: undefined }
  | { filmId: null; slug?: undefined; candidates: Candidate[] };

/**
 * Each (name, year) to the film it names. A film whose year is known must have that year; a film
 * of unknown year is taken only when it is the one film of that title. Anything else is left
 * unmatched with the films that came close.
 */
export async function matchFilms(
  db: Executor,
  items: { name: string; year: number | null; uri?: string }[],
): Promise<Match[]> {
  const found = new Map<number, Candidate[]>();
  const linked = new Map<number, Candidate>();
  for (let start = 0; start < items.length; start += 500) {
    const chunk = items
      .slice(start, start + 500)
      .map((it, i) => ({ i: start + i, n: it.name, s: reelrankSlug(it.uri) }));
    const { rows } = (await db.execute(sql`
      with wanted as (
        select t.i, t.s, reelrank_search_key(t.n) as k
        from json_to_recordset(${JSON.stringify(chunk)}::json) as t(i int, n text, s text)
      )
      select w.i, f.id, f.slug, f.title, f.year, f.slug = w.s as linked
      from wanted w
      join films f on reelrank_search_key(f.title) = w.k or reelrank_search_key(f.original_title) = w.k
      order by w.i, f.year nulls last, f.id`)) as {
      rows: {
        i: number;
        id: number;
        slug: string;
        title: string;
        year: number | null;
        linked: boolean | null;
      }[];
    };
    for (const r of rows) {
      const candidate = { filmId: r.id, slug: r.slug, title: r.title, year: r.year };
      const list = found.get(r.i) ?? [];
      list.push(candidate);
      found.set(r.i, list);
      if (r.linked) linked.set(r.i, candidate);
    }
  }
  const out: Match[] = [];
  let nearbyLookups = 0;
  for (const [i, item] of items.entries()) {
    const candidates = found.get(i) ?? [];
    // Reelrank's own export names each film by its address: the film of that title at that address
    const link = linked.get(i);
    if (link && (item.year == null || link.year == null || link.year === item.year)) {
      out.push({ filmId: link.filmId, slug: link.slug });
      continue;
    }
    const sameYear = candidates.filter((c) => c.year != null && c.year === item.year);
    const only = candidates.length === 1 ? candidates[0]! : null;
    const pick =
      item.year != null
        ? sameYear.length === 1
          ? sameYear[0]!
          : sameYear.length === 0 && only?.year == null
            ? only
            : null
        : only;
    if (pick) out.push({ filmId: pick.filmId, slug: pick.slug });
    else if (candidates.length) out.push({ filmId: null, candidates });
    else if (nearbyLookups++ < MAX_NEARBY_LOOKUPS)
      out.push({ filmId: null, candidates: await nearby(db, item.name) });
    // past that many, the viewer searches for the film themselves
    else out.push({ filmId: null, candidates: [] });
  }
  return out;
}

/** `https://reelrank.example/films/ballerina-2023` → `ballerina-2023`; null for other addresses. */
function reelrankSlug(uri: string | undefined): string | null {
  const match = /^https?:\/\/[^/]+\/films\/([a-z0-9-]+)\/?$/i.exec(uri ?? "");
  return match ? match[1]!.toLowerCase() : null;
}

/** Films whose titles come close, for a name that matched none exactly. */
async function nearby(db: Executor, name: string): Promise<Candidate[]> {
  const { films: hits } = await searchCatalogue(db, { q: name.slice(0, 200), limit: 5 });
  if (!hits.length) return [];
  const rows = await db
    .select({ filmId: films.id, slug: films.slug, title: films.title, year: films.year })
    .from(films)
    .where(
      inArray(
        films.slug,
        hits.map((h) => h.slug),
      ),
    );
  return hits.flatMap((h) => rows.filter((r) => r.slug === h.slug));
}

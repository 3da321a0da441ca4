/**
 * Scale data: what the generator writes, and the plans of every query the busiest film's and the
 * busiest profile's pages run over it. Each query is captured as the real query functions send it
 * and EXPLAINed with its parameters; a sequential scan of a big table fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { createCatalogueTestDatabase, createTestDatabase, testEngines } from "../testing";
import { getChartHistoryByFilmId, getRevisionsForEntries } from "../queries/charts";
import { readDiary, readFilmsWatched, readLogsByYear, getReaderDiaryState } from "../queries/diary";
import { getEngagementByFilmId } from "../queries/engagement";
import {
  getCountryWeeksByFilmId,
  getPeakWeekList,
  getRatingWeeksByFilmId,
  getRelatedByPeople,
} from "../queries/film-extras";
import { getFilmBySlug } from "../queries/films";
import {
  decodeFollowCursor,
  findUserByHandle,
  getFollowCounts,
  getReaderUserState,
  listFollows,
} from "../queries/follows";
import { getListOwner, listUserLists } from "../queries/lists";
import { getCurrentSlug } from "../queries/redirects";
import {
  decodeCursor,
  getProfile,
  getRatingStats,
  getReaderFilmState,
  getReviewById,
  listFilmReviews,
  listReviewVersions,
  listUserReviews,
  REVIEW_SORTS,
} from "../queries/reviews";
import { listComments } from "../queries/comments";
import { readWatchlist } from "../queries/watchlist";
import {
  findAggregateDrift,
  generateScaleData,
  ScaleRefusal,
  scaleOptions,
  type ScaleSummary,
} from "./scale";

/** Tables that grow with the site: reading any of them whole is what this test is here to catch. */
const BIG_TABLES = new Set([
  "reviews",
  "review_likes",
  "review_comments",
  "chart_entries",
  "diary_entries",
  "follows",
  "reports",
  "watchlist_entries",
]);

type Query = { text: string; params: unknown[] };
type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows"?: number;
  Plans?: PlanNode[];
};
type QueryFn = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Records every statement sent through the handle's client until `stop()`. */
function captureQueries(handle: DatabaseHandle) {
  const client = (handle.db as unknown as { $client: { query: (...args: unknown[]) => unknown } })
    .$client;
  const original = client.query.bind(client);
  const queries: Query[] = [];
  client.query = (first: unknown, params?: unknown, ...rest: unknown[]) => {
    const text = typeof first === "string" ? first : (first as { text: string }).text;
    const values = Array.isArray(params)
      ? params
      : ((first as { values?: unknown[] }).values ?? []);
    queries.push({ text, params: values });
    return original(first, params, ...rest);
  };
  return {
    queries,
    raw: original as unknown as QueryFn,
    stop: () => {
      client.query = original;
    },
  };
}

function walk(node: PlanNode, visit: (n: PlanNode, depth: number) => void, depth = 0) {
  visit(node, depth);
  for (const child of node.Plans ?? []) walk(child, visit, depth + 1);
}

function planText(plan: PlanNode): string {
  const lines: string[] = [];
  walk(plan, (n, depth) =>
    lines.push(
      `${"  ".repeat(depth)}${n["Node Type"]}${n["Relation Name"] ? ` on ${n["Relation Name"]}` : ""}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""}`,
    ),
  );
  return lines.join("\n");
}

// The plans are PostgreSQL's to make, and generating enough rows for them takes PGlite minutes:
// the embedded engine runs the smaller checks below.
const postgres = testEngines().includes("postgres");
if (!postgres)
  console.warn("Skipping the scale query plans: set TEST_DATABASE_URL to a PostgreSQL server.");

describe.skipIf(!postgres)("scale data on postgres", () => {
  const engine = "postgres";
  let handle: DatabaseHandle;
  let summary: ScaleSummary;
  const query = async (text: string, params: unknown[] = []) =>
    (await (handle.db as unknown as { $client: { query: QueryFn } }).$client.query(text, params))
      .rows;

  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
    // enough rows that the planner prefers an index wherever one serves (and ANALYZEd by the run)
    summary = await generateScaleData(
      handle.db,
      scaleOptions({ users: 2_000, reviews: 60_000, seed: "explain" }),
    );
  }, 600_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("writes skewed, many-language activity over the real catalogue, one review per user per film", async () => {
    expect(summary.rows).toMatchObject({ users: 2_000, reviews: 60_000, review_likes: 120_000 });
    // the biggest hit of the chart history draws the most reviews, far more than the median film
    expect(summary.busiestFilm.slug).toBe("kpop-demon-hunters");
    const [spread] = await query(`
      select max(count)::int as top, percentile_disc(0.5) within group (order by count)::int as median
      from film_rating_stats`);
    expect(Number(spread!.top)).toBeGreaterThan(20 * Number(spread!.median));
    expect(summary.busiest.reviews).toBeGreaterThan(2_000);
    expect(summary.busiest.diary).toBe(5_000);
    const [unique] = await query(
      "select count(*)::int as n, count(distinct (film_id, user_id))::int as pairs from reviews",
    );
    expect(unique!.n).toBe(unique!.pairs);
    // J-shaped: four stars and up are the most common, the lowest half star beats the ones above it
    const ratings = await query(
      "select rating, count(*)::int as n from reviews group by rating order by rating",
    );
    const n = (r: number) => Number(ratings.find((x) => Number(x.rating) === r)?.n ?? 0);
    expect(n(8) + n(9) + n(10)).toBeGreaterThan(n(5) + n(6) + n(7));
    expect(n(1)).toBeGreaterThan(n(3));
    const [text] = await query(`
      select count(*) filter (where body is null)::int as rating_only,
        count(*) filter (where body ~ '[가-힣]')::int as korean,
        count(*) filter (where body ~ '[ぁ-んァ-ン一-龯]')::int as japanese,
        count(*) filter (where body ~ '[áéíóúñ]')::int as spanish,
        count(*) filter (where body ~ '[🎬🍿😭🔥]')::int as emoji,
        max(char_length(body))::int as longest,
        percentile_disc(0.5) within group (order by char_length(body))::int as median
      from reviews`);
    for (const key of ["rating_only", "korean", "japanese", "spanish", "emoji"]) {
      expect(Number(text![key]), key).toBeGreaterThan(100);
    }
    expect(Number(text!.longest)).toBeGreaterThan(10 * Number(text!.median));
  });

  it("keeps every aggregate equal to a recount", async () => {
    expect(await findAggregateDrift(handle.db)).toEqual([]);
  });

  it("serves the busiest film's and the busiest profile's pages from indexes", async () => {
    const db = handle.db;
    const slug = summary.busiestFilm.slug;
    const handleName = summary.busiest.handle;
    const film = (await getFilmBySlug(db, { slug }))!;
    const owner = (await findUserByHandle(db, { handle: handleName }))!;
    const [someone] = await query(
      "select id from users where handle <> $1 order by created_at, id limit 1",
      [handleName],
    );
    const [talked] = await query(
      "select id from reviews where film_id = $1 order by comments_count desc, id limit 1",
      [film.id],
    );
    const reviewId = Number(talked!.id);

    const capture = captureQueries(handle);
    try {
      // the film page, its JSON, its feed and its reviews' pages (loadFilm, loadFilmExtras, loadFilmReviews)
      await getFilmBySlug(db, { slug });
      await getCurrentSlug(db, { kind: "film", slug });
      const chart = await getChartHistoryByFilmId(db, { filmId: film.id });
      await getRevisionsForEntries(db, { entryIds: chart.map((c) => c.id) });
      await getRatingStats(db, { filmId: film.id });
      await getEngagementByFilmId(db, { filmId: film.id });
      await getRatingWeeksByFilmId(db, { filmId: film.id });
      await getPeakWeekList(db, { filmId: film.id });
      await getRelatedByPeople(db, { filmId: film.id, limit: 12 });
      await getCountryWeeksByFilmId(db, { filmId: film.id });
      for (const sort of REVIEW_SORTS) {
        const first = await listFilmReviews(db, { filmId: film.id, sort, cursor: null, limit: 10 });
        expect(first.next, sort).not.toBeNull();
        const second = await listFilmReviews(db, {
          filmId: film.id,
          sort,
          cursor: decodeCursor(first.next),
          limit: 10,
        });
        expect(second.reviews.map((r) => r.id)).not.toContain(first.reviews[0]!.id);
      }
      // the reader's own state on the film page (/api/me/films/[slug])
      await getReaderFilmState(db, { userId: owner.id, filmId: film.id });
      await getReaderDiaryState(db, { userId: owner.id, filmId: film.id });
      // the review's permalink and its history
      await getReviewById(db, { reviewId });
      await listComments(db, { reviewId });
      await listReviewVersions(db, { reviewId });
      // the profile and its parts, first pages and the next ones
      const profile = await getProfile(db, { handle: handleName });
      const first = await listUserReviews(db, { userId: profile!.id, cursor: null, limit: 20 });
      expect(first.next).toBeTruthy();
      await listUserReviews(db, {
        userId: profile!.id,
        cursor: decodeCursor(first.next),
        limit: 20,
      });
      await readLogsByYear(db, { handle: handleName, viewerId: null });
      await getFollowCounts(db, { userId: owner.id });
      await getReaderUserState(db, { viewerId: String(someone!.id), userId: owner.id });
      const diary = await readDiary(db, { handle: handleName, viewerId: null, cursor: null });
      expect(diary?.data?.next).toBeTruthy();
      await readDiary(db, { handle: handleName, viewerId: null, cursor: diary!.data!.next });
      const watched = await readFilmsWatched(db, {
        handle: handleName,
        viewerId: null,
        cursor: null,
      });
      await readFilmsWatched(db, {
        handle: handleName,
        viewerId: null,
        cursor: watched!.data!.next,
      });
      await readWatchlist(db, { handle: handleName, viewerId: null, cursor: null });
      for (const side of ["followers", "following"] as const) {
        const page = await listFollows(db, { userId: owner.id, side, cursor: null, limit: 50 });
        await listFollows(db, {
          userId: owner.id,
          side,
          cursor: decodeFollowCursor(page.next),
          limit: 50,
        });
      }
      const listOwner = await getListOwner(db, { handle: handleName });
      await listUserLists(db, {
        ownerId: listOwner!.id,
        privacy: "exclude",
        cursor: null,
        limit: 24,
      });
    } finally {
      capture.stop();
    }

    expect(capture.queries.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const q of capture.queries) {
      const [row] = (await capture.raw(`explain (format json) ${q.text}`, q.params)).rows;
      const explained = row!["QUERY PLAN"];
      const plan = (
        (typeof explained === "string" ? JSON.parse(explained) : explained) as { Plan: PlanNode }[]
      )[0]!.Plan;
      const problems: string[] = [];
      walk(plan, (n) => {
        if (n["Node Type"] === "Seq Scan" && BIG_TABLES.has(n["Relation Name"] ?? "")) {
          problems.push(`Seq Scan of ${n["Relation Name"]}`);
        }
      });
      // a page (a LIMIT) read in index order, not by sorting every matching row; sorting groups
      // (the films a user watched) is what such a page is
      if (plan["Node Type"] === "Limit") {
        const sorts = (n: PlanNode, grouped: boolean) => {
          if (n["Node Type"] === "Aggregate") grouped = true;
          const below: PlanNode[] = [];
          walk(n, (m) => below.push(m));
          if (
            n["Node Type"] === "Sort" &&
            (n["Plan Rows"] ?? 0) > 1000 &&
            !grouped &&
            !below.some((m) => m["Node Type"] === "Aggregate")
          ) {
            problems.push(`Sort of ${n["Plan Rows"]} rows for one page`);
          }
          for (const child of n.Plans ?? []) sorts(child, grouped);
        };
        sorts(plan, false);
      }
      if (problems.length) {
        failures.push(
          `${problems.join(", ")} in:\n${q.text}\nparams: ${JSON.stringify(q.params)}\n${planText(plan)}`,
        );
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });
});

describe.each(testEngines())("scale data's seed on %s", (engine) => {
  let handle: DatabaseHandle;
  const query = async (text: string, params: unknown[] = []) =>
    (await (handle.db as unknown as { $client: { query: QueryFn } }).$client.query(text, params))
      .rows;

  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
    await generateScaleData(handle.db, scaleOptions({ users: 300, reviews: 3_000, seed: "small" }));
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("keeps every aggregate equal to a recount", async () => {
    const [stats] = await query(
      "select count(*)::int as n, sum(count)::int as ratings from film_rating_stats",
    );
    expect(Number(stats!.ratings)).toBeGreaterThan(2_900);
    expect(await findAggregateDrift(handle.db)).toEqual([]);
  });

  it("refuses a second run, and a database without the catalogue, writing nothing", async () => {
    const [before] = await query("select count(*)::int as n from reviews");
    await expect(
      generateScaleData(handle.db, scaleOptions({ users: 10, reviews: 10 })),
    ).rejects.toThrow(/already has scale data.*--force/);
    const [after] = await query("select count(*)::int as n from reviews");
    expect(after!.n).toBe(before!.n);

    const empty = await createTestDatabase(engine);
    try {
      const refusal = generateScaleData(empty.db, scaleOptions({ users: 10, reviews: 10 }));
      await expect(refusal).rejects.toThrow(ScaleRefusal);
      await expect(refusal).rejects.toThrow(/npm run db:seed/);
    } finally {
      await empty.close();
    }
  });

  it("gives the same rows for the same seed", async () => {
    const fingerprint = async (seed: string) => {
      const handle = await createCatalogueTestDatabase(engine);
      try {
        await generateScaleData(handle.db, scaleOptions({ users: 200, reviews: 2_000, seed }));
        const client = (handle.db as unknown as { $client: { query: QueryFn } }).$client;
        const [row] = (
          await client.query(`
            select md5(string_agg(concat_ws('|', u.handle, f.slug, r.rating, r.body, r.created_at, r.likes_count, r.comments_count), ',' order by r.id)) as reviews,
              (select count(*)::int from diary_entries) as diary
            from reviews r join users u on u.id = r.user_id join films f on f.id = r.film_id`)
        ).rows;
        return row;
      } finally {
        await handle.close();
      }
    };
    const a = await fingerprint("same");
    expect(await fingerprint("same")).toEqual(a);
    expect(await fingerprint("other")).not.toEqual(a);
  }, 300_000);
});

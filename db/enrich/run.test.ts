import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTmdb, TMDB_FIXTURES, type FakeTmdb } from "../../lib/enrich/fake-tmdb";
import { QID, startFakeWikidata, type FakeWikidata } from "../../lib/enrich/fake-wikidata";
import { createTmdbSource } from "../../lib/enrich/tmdb";
import { createWikidataSource } from "../../lib/enrich/wikidata";
import type { FactSource } from "../../lib/enrich/types";
import { AppError } from "../../lib/errors";
import { parseTop10Tsv } from "../../lib/top10/parse";
import { importTop10 } from "../import/top10";
import type { DatabaseHandle } from "../index";
import { getFilmBySlug } from "../queries/films";
import {
  credits,
  enrichmentLookups,
  factProposals,
  films,
  sourceResponses,
  users,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { getActor } from "../queries/users";
import {
  acceptProposal,
  databaseCache,
  listPendingProposals,
  lookUpFilm,
  rejectProposal,
} from "./run";

const KEY = "test-key-0123456789";
const H9 =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";

describe.each(testEngines())("looking films up at TMDB on %s", (engine) => {
  let handle: DatabaseHandle;
  let tmdb: FakeTmdb;
  let source: FactSource;
  const waits: number[] = [];

  async function film(slug: string) {
    const [row] = await handle.db.select().from(films).where(eq(films.slug, slug));
    return row!;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    // two titles the chart importer creates, with no year: the first to chart (on the English
    // list, before Netflix gave runtimes) is `the-lighthouse-keeper`, the other `…-2`
    await importTop10(
      handle.db,
      "charts.tsv",
      parseTop10Tsv(
        "charts.tsv",
        [
          H9,
          "2024-02-04\tFilms (Non-English)\t4\tThe Lighthouse Keeper\tN/A\t3000000\t1.6333\t1800000\t1",
          "2022-02-06\tFilms (English)\t9\tThe Lighthouse Keeper\tN/A\t2000000\t\t\t1",
        ].join("\n"),
      ),
    );
    tmdb = await startFakeTmdb({ apiKey: KEY, movies: TMDB_FIXTURES });
    source = createTmdbSource({
      apiKey: KEY,
      baseUrl: tmdb.url,
      cache: databaseCache(handle.db, "tmdb"),
      minIntervalMs: 0,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
  });
  afterAll(async () => {
    await tmdb?.close();
    await handle?.close();
  });

  it("keeps the two Ballerinas apart, and never replaces what editors wrote", async () => {
    const korean = await film("ballerina-2023");
    const result = await lookUpFilm(handle.db, source, korean.id);
    expect(result).toMatchObject({ outcome: "applied", sourceId: "tmdb:1013860" });
    const after = await getFilmBySlug(handle.db, { slug: "ballerina-2023" });
    expect(after).toMatchObject({ tmdbId: 1013860, runtimeMinutes: 92, year: 2023 });
    // the hand-written credits stay; the same people under TMDB's spelling are no news
    expect(after!.credits.find((c) => c.role === "director")?.person.name).toBe("Lee Chung Hyun");
    expect(after!.factSources.credits).toBe("editors");

    const animated = await film("ballerina-2016");
    const other = await lookUpFilm(handle.db, source, animated.id);
    expect(other.sourceId).toBe("tmdb:342473");
    expect((await film("ballerina-2016")).tmdbId).toBe(342473);
  });

  it("applies a sure match to a film with no year: title, runtime, and out before it charted", async () => {
    const keeper = await film("the-lighthouse-keeper-2");
    const result = await lookUpFilm(handle.db, source, keeper.id);
    expect(result.outcome).toBe("applied");
    const after = await getFilmBySlug(handle.db, { slug: "the-lighthouse-keeper-2021" });
    expect(after).toMatchObject({ year: 2021, runtimeMinutes: 98, originalTitle: "Fyrvokteren" });
    expect(after!.factSources).toMatchObject({
      year: "tmdb:900001",
      // the same 98 minutes, now cited to the film database rather than Netflix's rounding
      runtimeMinutes: "tmdb:900001",
    });
    expect(after!.credits.length).toBeGreaterThan(0);
  });

  it("queues a title with two candidates for an editor instead of guessing", async () => {
    const keeper = await film("the-lighthouse-keeper");
    const result = await lookUpFilm(handle.db, source, keeper.id);
    expect(result.outcome).toBe("queued");
    expect((await film("the-lighthouse-keeper")).year).toBeNull();
    const [proposal] = await listPendingProposals(handle.db, { filmId: keeper.id });
    expect(proposal).toMatchObject({ confidence: "ambiguous" });
    expect(proposal!.facts.alternatives).toHaveLength(1);
  });

  it("an editor accepts part of a proposal; a viewer's forged acceptance writes nothing", async () => {
    const keeper = await film("the-lighthouse-keeper");
    const [proposal] = await listPendingProposals(handle.db, { filmId: keeper.id });
    const [viewerRow] = await handle.db
      .insert(users)
      .values({ name: "V", handle: `v_${engine}`, email: `v@${engine}.example` })
      .returning({ id: users.id });
    const viewer = await getActor(handle.db, { userId: viewerRow!.id });
    await expect(
      acceptProposal(handle.db, viewer, {
        proposalId: proposal!.id,
        fields: ["year"],
        overrides: {},
      }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      rejectProposal(handle.db, null, { proposalId: proposal!.id }),
    ).rejects.toBeInstanceOf(AppError);
    expect((await film("the-lighthouse-keeper")).year).toBeNull();

    const [editorRow] = await handle.db
      .insert(users)
      .values({ name: "Ed", handle: `ed_${engine}`, email: `ed@${engine}.example`, role: "editor" })
      .returning({ id: users.id });
    const editor = await getActor(handle.db, { userId: editorRow!.id });
    const result = await acceptProposal(handle.db, editor, {
      proposalId: proposal!.id,
      fields: ["year", "credits"],
      overrides: { synopsis: "Written by an editor." },
    });
    expect(result.changed.sort()).toEqual(["credits", "synopsis", "year"]);
    const [decided] = await handle.db
      .select()
      .from(factProposals)
      .where(eq(factProposals.id, proposal!.id));
    expect(decided).toMatchObject({ status: "accepted", decidedBy: editor!.id });
    await expect(
      acceptProposal(handle.db, editor, {
        proposalId: proposal!.id,
        fields: ["year"],
        overrides: {},
      }),
    ).rejects.toThrow(/already decided/);
  });

  it("honours 429 with Retry-After, and a rerun is served from the cache", async () => {
    const korean = await film("ballerina-2023");
    await handle.db.delete(sourceResponses).where(eq(sourceResponses.source, "tmdb"));
    tmdb.behave({ kind: "status", status: 429, retryAfter: "2", times: 1 });
    waits.length = 0;
    await lookUpFilm(handle.db, source, korean.id);
    expect(waits).toContain(2000);
    const requests = tmdb.requests.length;
    await lookUpFilm(handle.db, source, korean.id);
    expect(tmdb.requests.length).toBe(requests);
    const [cached] = await handle.db.select({ n: count() }).from(sourceResponses);
    expect(cached!.n).toBeGreaterThan(0);
    const [lookup] = await handle.db
      .select()
      .from(enrichmentLookups)
      .where(and(eq(enrichmentLookups.filmId, korean.id), eq(enrichmentLookups.source, "tmdb")));
    expect(lookup?.sourceId).toBe("tmdb:1013860");
  });

  it("credits people by the source's id, never by name alone", async () => {
    const rows = await handle.db.select({ n: count() }).from(credits);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe.each(testEngines())("looking films up at Wikidata on %s", (engine) => {
  let handle: DatabaseHandle;
  let wikidata: FakeWikidata;
  let source: FactSource;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    wikidata = await startFakeWikidata();
    source = createWikidataSource({
      baseUrl: wikidata.url,
      sparqlUrl: wikidata.sparqlUrl,
      cache: databaseCache(handle.db, "wikidata"),
      minIntervalMs: 0,
      sleep: () => Promise.resolve(),
    });
  });
  afterAll(async () => {
    await wikidata?.close();
    await handle?.close();
  });

  it("gives the two Ballerinas different items, and a rerun asks Wikidata nothing", async () => {
    const [korean] = await handle.db.select().from(films).where(eq(films.slug, "ballerina-2023"));
    const [animated] = await handle.db.select().from(films).where(eq(films.slug, "ballerina-2016"));
    expect((await lookUpFilm(handle.db, source, korean!.id)).sourceId).toBe(
      `wikidata:${QID.ballerina2023}`,
    );
    expect((await lookUpFilm(handle.db, source, animated!.id)).sourceId).toBe(
      `wikidata:${QID.ballerina2016}`,
    );
    const after = await handle.db
      .select({ slug: films.slug, wikidataId: films.wikidataId })
      .from(films);
    expect(after).toEqual(
      expect.arrayContaining([
        { slug: "ballerina-2023", wikidataId: QID.ballerina2023 },
        { slug: "ballerina-2016", wikidataId: QID.ballerina2016 },
      ]),
    );
    const asked = wikidata.requests.length;
    await lookUpFilm(handle.db, source, korean!.id);
    expect(wikidata.requests.length).toBe(asked);
  });
});

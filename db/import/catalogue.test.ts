import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalogueCsv } from "../../lib/catalogue/parse";
import { parseTop10Tsv } from "../../lib/top10/parse";
import type { DatabaseHandle } from "../index";
import { getFilmBySlug } from "../queries/films";
import { factProposals, films, people } from "../schema";
import { seedDemo } from "../seed/index";
import { createCatalogueTestDatabase, createTestDatabase, testEngines } from "../testing";
import { importCatalogue } from "./catalogue";
import { importTop10 } from "./top10";

const HEADER =
  "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description";
const CSV = [
  HEADER,
  's1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,"September 25, 2021",2020,PG-13,90 min,Documentaries,"As her father nears the end of his life, filmmaker Kirsten Johnson stages his death."',
  's2,Movie,Harbour Dogs,Ana Ruiz,"Marta Gil, Leo Sanz","Spain, France","March 1, 2021",2019,TV-MA,82 min,Dramas,A dockside story.',
].join("\n");
const H9 =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";
const SHARED = path.resolve(
  import.meta.dirname,
  "../../../shared/data/netflix-titles/netflix_titles.csv",
);
const haveShared = fs.existsSync(SHARED);

describe.each(testEngines())("the Netflix titles catalogue on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    await importTop10(
      handle.db,
      "charts.tsv",
      parseTop10Tsv(
        "charts.tsv",
        [
          H9,
          "2023-07-02\tFilms (English)\t9\tDick Johnson Is Dead\tN/A\t1000000\t1.5\t700000\t1",
          // the same title as a catalogue film, but Netflix's runtime says it is another film
          "2023-07-02\tFilms (Non-English)\t9\tHarbour Dogs\tN/A\t1000000\t2.0\t500000\t1",
        ].join("\n"),
      ),
    );
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("fills a charted film it surely names, and leaves another of the same name alone", async () => {
    const summary = await importCatalogue(
      handle.db,
      "netflix_titles.csv",
      parseCatalogueCsv("netflix_titles.csv", CSV),
    );
    expect(summary).toMatchObject({ rowsRead: 2, titlesFound: 1, applied: 1, queued: 0 });
    const film = await getFilmBySlug(handle.db, { slug: "dick-johnson-is-dead-2020" });
    expect(film).toMatchObject({
      year: 2020,
      countries: ["US"],
      maturityRating: "PG-13",
      genres: ["Documentaries"],
      factSources: { year: "netflix-titles:s1", credits: "netflix-titles:s1" },
    });
    expect(film!.credits.map((c) => [c.role, c.person.name])).toEqual([
      ["director", "Kirsten Johnson"],
    ]);
    const [dogs] = await handle.db.select().from(films).where(eq(films.title, "Harbour Dogs"));
    expect(dogs).toMatchObject({ year: null, synopsis: null });
    const [proposals] = await handle.db.select({ n: count() }).from(factProposals);
    expect(proposals!.n).toBe(0);
  });

  it("changes nothing and creates no one when imported again", async () => {
    const [before] = await handle.db.select({ n: count() }).from(people);
    const again = await importCatalogue(
      handle.db,
      "netflix_titles.csv",
      parseCatalogueCsv("netflix_titles.csv", CSV),
    );
    expect(again).toMatchObject({ applied: 0, unchanged: 1 });
    const [after] = await handle.db.select({ n: count() }).from(people);
    expect(after!.n).toBe(before!.n);
  });
});

describe.skipIf(!haveShared)(
  "the shared catalogue file (skipped when ../shared/data is absent)",
  () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createCatalogueTestDatabase("pglite");
    }, 180_000);
    afterAll(async () => {
      await handle?.close();
    });

    it("gives a 2021 film on the lists its director and cast", { timeout: 120_000 }, async () => {
      const rows = parseCatalogueCsv("netflix_titles.csv", fs.readFileSync(SHARED, "utf8"));
      const summary = await importCatalogue(handle.db, "netflix_titles.csv", rows);
      expect(summary.titlesFound).toBeGreaterThan(150);
      const film = await getFilmBySlug(handle.db, { slug: "the-starling-2021" });
      expect(film?.credits.find((c) => c.role === "director")?.person.name).toBe("Theodore Melfi");
      expect(film?.credits.filter((c) => c.role === "cast")[0]?.person.name).toBe(
        "Melissa McCarthy",
      );
      // the hand-written Ballerina keeps its editors' credits
      const ballerina = await getFilmBySlug(handle.db, { slug: "ballerina-2023" });
      expect(ballerina?.factSources.credits).toBe("editors");
    });
  },
);

import { expect, test } from "./fixtures";
import fs from "node:fs";
import path from "node:path";
import { expectNoSeriousA11yViolations } from "./a11y";

// the file scripts/e2e-server.ts imports, when it is there
const COUNTRIES_FILE =
  process.env.NETFLIX_COUNTRIES_FILE ??
  path.resolve(
    import.meta.dirname,
    "../../shared/data/netflix-top10/all-weeks-countries.2022-03-02.tsv",
  );

type Row = { country: string; iso2: string; week: string; rank: number; title: string };

/** The file's Films rows, and the title most countries listed in its last week. */
function countriesSample() {
  const [header, ...lines] = fs.readFileSync(COUNTRIES_FILE, "utf8").split("\n").filter(Boolean);
  const cols = header!.split("\t");
  const rows: Row[] = lines
    .map((l) => l.split("\t"))
    .filter((c) => c[cols.indexOf("category")] === "Films")
    .map((c) => ({
      country: c[cols.indexOf("country_name")]!,
      iso2: c[cols.indexOf("country_iso2")]!,
      week: c[cols.indexOf("week")]!,
      rank: Number(c[cols.indexOf("weekly_rank")]),
      title: c[cols.indexOf("show_title")]!,
    }));
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const week = weeks.at(-1)!;
  const counts = new Map<string, number>();
  for (const r of rows.filter((r) => r.week === week))
    counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  return { rows, week, titles: ranked };
}

test.describe("where a film charted", () => {
  test.skip(!fs.existsSync(COUNTRIES_FILE), `no per-country file at ${COUNTRIES_FILE}`);

  test("the map shades each country by rank, lists them, and changes week without JavaScript", async ({
    browser,
  }) => {
    const { rows, week, titles } = countriesSample();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    // the first of the file's most-listed titles that a global films list links to a film
    let slug: string | null = null;
    let title = "";
    for (const t of titles) {
      for (const list of ["films-english", "films-non-english"]) {
        await page.goto(`/charts/${week}/${list}`);
        const link = page.getByRole("link", { name: t, exact: true });
        if ((await link.count()) > 0) {
          slug = (await link.first().getAttribute("href"))!.replace("/films/", "");
          title = t;
          break;
        }
      }
      if (slug) break;
    }
    expect(slug, "a film on both a country list and a global list").not.toBeNull();

    const mine = rows.filter((r) => r.week === week && r.title === title);
    await page.goto(`/films/${slug}`);
    await page.getByRole("link", { name: "Map of where it charted, week by week" }).click();
    await expect(page).toHaveURL(`/films/${slug}/countries/${week}`);

    const map = page.getByRole("img", { name: /rank in each country's Top 10 films/ });
    await expect(map).toBeVisible();
    const best = mine.reduce((a, b) => (b.rank < a.rank ? b : a));
    const bestShape = map.locator(`path[data-country="${best.iso2}"]`);
    if ((await bestShape.count()) > 0) {
      await expect(bestShape).toHaveAttribute("data-rank", String(best.rank));
      expect(await bestShape.getAttribute("fill")).toMatch(/^#[0-9a-f]{6}$/);
      await expect(bestShape.locator("title")).toHaveText(`${best.country}: #${best.rank}`);
    }
    // every country that listed it is coloured, not grey or hatched
    const coloured = await map.locator("path[data-rank]").count();
    expect(coloured).toBeLessThanOrEqual(mine.length);
    expect(coloured).toBeGreaterThan(mine.length / 2);

    const table = page.getByRole("table", { name: /Countries where it charted/ });
    await expect(table.getByRole("row")).toHaveCount(mine.length + 1);
    for (const r of mine.slice(0, 5)) {
      await expect(table.getByRole("row", { name: r.country, exact: false }).first()).toContainText(
        `#${r.rank}`,
      );
    }

    // the week picker is plain links
    const weeks = page.getByRole("navigation", { name: "Other weeks" }).getByRole("link");
    await expect(page.locator('nav a[aria-current="page"]')).toHaveCount(1);
    if ((await weeks.count()) > 1) {
      const other = weeks.first();
      const href = (await other.getAttribute("href"))!;
      await other.click();
      await expect(page).toHaveURL(href);
      await expect(page.locator('nav a[aria-current="page"]')).toHaveAttribute("href", href);
    }
    await context.close();
  });

  test("the map page has no serious accessibility problems", { tag: "@ui" }, async ({ page }) => {
    const { rows, week } = countriesSample();
    await page.goto(`/charts/${week}/films-english`);
    const first = page.locator("main table a[href^='/films/']").first();
    const slug = (await first.getAttribute("href"))!.replace("/films/", "");
    const title = (await first.textContent())!.trim();
    test.skip(!rows.some((r) => r.week === week && r.title === title), "no per-country rows");
    await page.goto(`/films/${slug}/countries`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Where");
    await expectNoSeriousA11yViolations(page);
  });
});

test("Ballerina's page sets its chart run beside its reception, with a table", async ({ page }) => {
  await page.goto("/films/ballerina-2023");
  const section = page.getByRole("region", { name: "Chart run and reception" });
  await expect(
    section.getByRole("img", { name: "Ballerina (2023): weekly rank and reception" }),
  ).toBeVisible();
  // every week's figures are one link away, on the film's ratings page
  await section.getByRole("link", { name: "Week by week: rank, views and ratings" }).click();
  await expect(page).toHaveURL("/films/ballerina-2023/ratings");
  const table = page
    .getByRole("region", { name: "Chart run and reception", exact: true })
    .getByRole("table");
  await expect(table.getByRole("row", { name: /Oct 9–15, 2023/ })).toContainText(
    "#1 (Films (Non-English))",
  );
  await expect(table.getByRole("row", { name: /Oct 9–15, 2023/ })).toContainText("14,700,000");

  await page.getByRole("link", { name: "Ballerina (2023)" }).click();
  await expect(page).toHaveURL("/films/ballerina-2023");
  const peak = page.getByRole("region", { name: "Also on the list that week" });
  await expect(peak).toContainText("#1 on Films (Non-English)");
  await expect(peak.getByRole("listitem")).toHaveCount(9);
  await peak.getByRole("link", { name: /The full Films \(Non-English\) list/ }).click();
  await expect(page).toHaveURL("/charts/2023-10-15/films-non-english");
});

test("Ballerina's page has no serious accessibility problems", { tag: "@ui" }, async ({ page }) => {
  await page.goto("/films/ballerina-2023");
  await expect(page.getByRole("region", { name: "Chart run and reception" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a person's page totals their titles and shows each one's best rank and rating", async ({
  page,
}) => {
  await page.goto("/people/jeon-jong-seo");
  const totals = page.locator('dl[aria-label="Totals"]');
  await expect(totals).toContainText("Best rank#1");
  const row = page.getByRole("row", { name: /Ballerina/ });
  await expect(row).toContainText("#1");
  await expect(row).toContainText(/\d\.\d stars \(\d+ ratings?\)/);
});

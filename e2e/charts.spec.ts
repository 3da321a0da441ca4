import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";

test("Ballerina's page shows its whole chart run, each week citable", async ({ page }) => {
  await page.goto("/films/ballerina-2023");
  const history = page.getByRole("region", { name: "Netflix Top 10 chart history" });
  await expect(history.getByTestId("chart-summary")).toHaveText(
    "Peaked at #1 (1 week at #1) on Films (Non-English) · 5 weeks in the Top 10 · 32.3M views and 50.6M hours on the lists · Oct 2–8, 2023 to Oct 30 – Nov 5, 2023",
  );
  await expect(history.getByRole("img", { name: /rank by week/ })).toBeVisible();

  const rows = history.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(6); // header and five weeks
  const best = rows.filter({ hasText: "Oct 9–15, 2023" });
  await expect(best.getByRole("cell")).toHaveText([
    "Films (Non-English)",
    "#1",
    /▲2 from #3/,
    "14.7M",
    "23.1M",
    "2",
    "89",
  ]);
  await expect(rows.filter({ hasText: "Oct 2–8, 2023" })).toContainText("new");
  await expect(rows.filter({ hasText: "Oct 30 – Nov 5, 2023" })).toContainText("#10");

  await best.getByRole("link").click();
  await expect(page).toHaveURL(/\/charts\/2023-10-15\/films-non-english$/);
  await expect(page.getByText("Week of Oct 9–15, 2023", { exact: true })).toBeVisible();
  const first = page.getByRole("row").filter({ hasText: "#1" }).first();
  await expect(first.getByRole("link", { name: "Ballerina" })).toHaveAttribute(
    "href",
    "/films/ballerina-2023",
  );
});

test("a reader moves between weeks and lists on /charts", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Charts" })
    .click();
  await expect(page).toHaveURL(/\/charts$/);
  // the latest week in the demo data: the 2016 animated Ballerina on the English list
  await expect(page.getByText("Week of Feb 26 – Mar 3, 2024", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ballerina" })).toHaveAttribute(
    "href",
    "/films/ballerina-2016",
  );

  await page.getByLabel("Week", { exact: true }).selectOption({ label: "Oct 9–15, 2023" });
  await page.getByRole("button", { name: "Show week" }).click();
  await expect(page).toHaveURL(/\/charts\/2023-10-15\/films-english$/);
  await expect(page.getByRole("row").filter({ hasText: "#1" }).first()).toContainText("Reptile");

  await page.getByRole("link", { name: "Films (Non-English)" }).click();
  await expect(page).toHaveURL(/\/charts\/2023-10-15\/films-non-english$/);
  await expect(page.getByRole("link", { name: "Films (Non-English)" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  await page.getByRole("link", { name: "← Week before" }).click();
  await expect(page).toHaveURL(/\/charts\/2023-10-08\/films-non-english$/);
  const ballerina = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "Ballerina" }) });
  await expect(ballerina).toContainText("#3");
  await expect(ballerina).toContainText("new");

  expect((await page.request.get("/charts/2023-10-14/films-non-english")).status()).toBe(404);
  expect((await page.request.get("/charts/2023-10-15/films-klingon")).status()).toBe(404);
});

test("the JSON API gives the same figures, with cache headers", async ({ request }) => {
  const film = await request.get("/api/films/ballerina-2023");
  expect(film.status()).toBe(200);
  expect(film.headers()["cache-control"]).toContain("s-maxage");
  const body = (await film.json()) as {
    chartHistory: Record<string, unknown>[];
    originalTitle: string;
  };
  expect(body.originalTitle).toBe("발레리나");
  expect(
    body.chartHistory.map((w) => [w.week, w.rank, w.views, w.hoursViewed, w.cumulativeWeeks]),
  ).toEqual([
    ["2023-10-08", 3, 10_100_000, 15_800_000, 1],
    ["2023-10-15", 1, 14_700_000, 23_100_000, 2],
    ["2023-10-22", 3, 4_200_000, 6_600_000, 3],
    ["2023-10-29", 10, 2_000_000, 3_100_000, 4],
    ["2023-11-05", 10, 1_300_000, 2_000_000, 5],
  ]);
  expect(body.chartHistory[1]).toMatchObject({ list: "films-non-english", countries: 89 });
  expect(body.chartHistory[0]).toMatchObject({ countries: null });

  const chart = await request.get("/api/charts/2023-10-15/films-non-english");
  const rows = ((await chart.json()) as { rows: Record<string, unknown>[] }).rows;
  expect(rows[0]).toMatchObject({
    rank: 1,
    title: "Ballerina",
    slug: "ballerina-2023",
    views: 14_700_000,
    countries: 89,
  });

  expect((await request.get("/api/charts/2099-01-04/films-english")).status()).toBe(404);
  expect((await request.get("/api/charts/2023-10-15/nonsense")).status()).toBe(404);
  expect((await request.get("/api/films/nope-1900")).status()).toBe(404);
});

test("chart pages and the about page have no serious accessibility violations", async ({
  page,
}) => {
  for (const path of ["/charts", "/charts/2023-10-15/films-non-english", "/about"]) {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
  }
  await page.goto("/about");
  await expect(page.getByText("Source: Netflix Top 10")).toBeVisible();
});

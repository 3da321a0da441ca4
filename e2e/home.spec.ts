import { expect, test } from "./fixtures";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { expectNoSeriousA11yViolations } from "./a11y";

/** The latest week's #1 of each list, read straight from the shipped snapshot the server loads. */
function latestNumberOnes(): { week: string; label: string; title: string }[] {
  const file = path.join(import.meta.dirname, "../db/seed/netflix/all-weeks-global.tsv.gz");
  const [header, ...lines] = gunzipSync(fs.readFileSync(file)).toString("utf8").trim().split("\n");
  const col = header!.split("\t");
  const rows = lines.map((l) => {
    const cells = l.split("\t");
    return Object.fromEntries(col.map((c, i) => [c, cells[i] ?? ""]));
  });
  const week = rows
    .map((r) => r.week!)
    .sort()
    .at(-1)!;
  return rows
    .filter((r) => r.week === week && r.weekly_rank === "1")
    .map((r) => ({ week, label: r.category!, title: r.show_title! }));
}

test("the home page shows this week's #1 of each list, and its links lead there", async ({
  page,
}) => {
  const ones = latestNumberOnes();
  expect(ones).toHaveLength(4);
  await page.goto("/");
  await expect(page).toHaveTitle(/This week's Netflix Top 10/);
  await expect(page.getByRole("heading", { name: "Latest releases" })).toHaveCount(0);
  for (const one of ones) {
    const list = page.getByRole("region", { name: one.label, exact: true });
    await expect(list.getByRole("listitem").first()).toContainText(`#1${one.title}`);
    await expect(list.getByRole("link", { name: `Full list of ${one.label}` })).toHaveAttribute(
      "href",
      new RegExp(`^/charts/${one.week}/(films|tv)-`),
    );
  }

  const first = ones[0]!;
  const list = page.getByRole("region", { name: first.label, exact: true });
  await list.getByRole("link", { name: first.title, exact: true }).click();
  await expect(page).toHaveURL(/\/(films|series)\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(first.title);

  await page.goBack();
  await page
    .getByRole("region", { name: first.label, exact: true })
    .getByRole("link", { name: /^Full list/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/charts/${first.week}/`));
  await expect(page.getByRole("row").nth(1)).toContainText(first.title);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "New this week" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Biggest climbers" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent reviews worth reading" })).toBeVisible();
  await expect(
    page.getByText(/Ranked by a weighted average|No film has 3 ratings yet/),
  ).toBeVisible();
  await page.getByRole("link", { name: "Most popular of all time" }).click();
  await expect(page).toHaveURL(/\/charts\/most-popular$/);
});

test(
  "the home page and a filtered catalogue have no serious accessibility violations",
  { tag: "@ui" },
  async ({ page }) => {
    test.setTimeout(180_000);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of ["/", "/films?list=non-english&sort=rank"]) {
        await page.goto(url);
        await expectNoSeriousA11yViolations(page);
      }
    }
  },
);

test("the catalogue filters by keyboard, and the address says what is shown", async ({ page }) => {
  await page.goto("/films");
  const list = page.getByLabel("Netflix list");
  await list.focus();
  await page.keyboard.type("Non");
  await expect(list).toHaveValue("non-english");
  const button = page.getByRole("button", { name: "Show titles" });
  for (let i = 0; i < 12 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/films\?list=non-english$/);
  await expect(page.getByLabel("Netflix list")).toHaveValue("non-english");
  await expect(page.getByText(/titles · Non-English lists/)).toBeVisible();
  const lists = page.locator("main tbody tr td:nth-of-type(3)");
  await expect(lists.first()).toBeVisible();
  for (const text of await lists.allTextContents()) expect(text).toContain("Non-English");

  // a sort and a best rank: the first rows reached #1
  await page.getByLabel("Best rank reached").selectOption("1");
  await page.getByLabel("Sort by").selectOption("rank");
  await page.getByRole("button", { name: "Show titles" }).click();
  await expect(page).toHaveURL(/\/films\?list=non-english&best=1&sort=rank$/);
  const best = page.locator("main tbody tr td:nth-of-type(4)");
  for (const text of await best.allTextContents()) expect(text).toBe("#1");

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/films\?sort=rank$/);
});

test("invalid filters never fail: they are dropped from the address", async ({ page }) => {
  for (const [from, to] of [
    ["/films?sort=bogus", /\/films$/],
    ["/films?best=0&list=english", /\/films\?list=english$/],
    ["/films?year=abc&page=0", /\/films$/],
  ] as const) {
    const response = await page.goto(from);
    expect(response?.status(), from).toBe(200);
    await expect(page).toHaveURL(to);
  }
  expect((await page.request.get("/films/browse/sort-bogus/1")).status()).toBe(404);
});

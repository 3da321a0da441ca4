import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

const headerSearch = (page: Page) =>
  page.getByRole("banner").getByRole("combobox", { name: "Search films, series and people" });

test("a reader types in the header, picks a suggestion with the keyboard and lands on the film", async ({
  page,
}) => {
  await page.goto("/films");
  const box = headerSearch(page);
  await box.focus();
  await page.keyboard.type("ballerina");

  const list = page.getByRole("listbox", { name: "Suggestions" });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  // the two films titled exactly Ballerina come first, the one that charted higher first
  const films = list.getByRole("group", { name: "Films" }).getByRole("option");
  // each keystroke may show an earlier word's suggestions first: wait for the typed word's
  await expect(films.nth(0)).toHaveText("Ballerina · 2023");
  await expect(films.nth(1)).toHaveText("Ballerina · 2016");
  await expect(page.getByRole("status").filter({ hasText: /suggestions?/ })).toHaveText(
    /^\d+ suggestions?, use the up and down arrows to choose$/,
  );
  await expectNoSeriousA11yViolations(page);

  await page.keyboard.press("ArrowDown");
  const first = list.getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/films\/ballerina-2023$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ballerina (2023)");
});

test(
  "Escape closes the suggestions, and a mouse click opens one",
  { tag: "@ui" },
  async ({ page }) => {
    await page.goto("/");
    const box = headerSearch(page);
    await box.fill("전종서");
    const list = page.getByRole("listbox", { name: "Suggestions" });
    await expect(list.getByRole("option", { name: /Jeon Jong Seo/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.fill("squid gmae");
    await list
      .getByRole("option", { name: /^Squid Game/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/series\/squid-game/);
  },
);

test("submitting without choosing shows the grouped results page", async ({ page }) => {
  await page.goto("/");
  await headerSearch(page).fill("balerina");
  await headerSearch(page).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=balerina$/);
  await expect(page).toHaveTitle("Search: balerina · Reelrank");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\d+ results? for “balerina”$/);
  const films = page.getByRole("region", { name: /^Films/ });
  await expect(films.getByRole("link").first()).toHaveText("Ballerina");
  await expect(films.getByRole("listitem").first()).toContainText("2023");
  await expect(films.getByRole("listitem").first()).toContainText(
    "Peaked at #1 on Films (Non-English)",
  );
  await expect(films.locator('[lang="ko"]', { hasText: "발레리나" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto("/search?q=zzqxjv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("0 results for “zzqxjv”");
  await expect(page.getByText("Check the spelling, or try fewer words.")).toBeVisible();
});

test("a query of any text round-trips through the shareable address", async ({ page }) => {
  for (const q of [
    "발레리나",
    "squid game",
    "AC/DC",
    "100%",
    "what?",
    "#1",
    "Tom & Jerry",
    "a\\b",
  ]) {
    await page.goto(`/search?${new URLSearchParams({ q })}`);
    await expect(page.getByRole("heading", { level: 1 }), q).toHaveText(
      new RegExp(`^\\d+ results? for “${q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”$`),
    );
    await expect(page.getByRole("main").getByRole("searchbox"), q).toHaveValue(q);
    await expect(page, q).toHaveTitle(`Search: ${q} · Reelrank`);
  }
  // nothing to look for: the form comes back with the text, no results
  await page.goto("/search?q=..");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  await expect(page.getByRole("main").getByRole("searchbox")).toHaveValue("..");
  await page.goto("/search?q=%ED%95%9C");
  await expect(page.getByRole("main").getByRole("searchbox")).toHaveValue("한");
});

test("search works with JavaScript turned off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/charts");
  await headerSearch(page).fill("전종서");
  await headerSearch(page).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/results? for “전종서”$/);
  await page
    .getByRole("region", { name: /^People/ })
    .getByRole("link", { name: "Jeon Jong Seo" })
    .click();
  await expect(page).toHaveURL(/\/people\/jeon-jong-seo$/);
  await context.close();
});

test("the search API answers hostile input with 200 or a clear 400, never a 500", async ({
  request,
}) => {
  for (const raw of [
    "%00",
    "ball%00erina",
    "%ED%A0%80",
    "%25",
    "%",
    "_",
    "%5C",
    "%27",
    "%22",
    "'%20or%201%3D1%20--",
    "%F0%9F%8E%AC",
    "",
    "&q=a&q=b",
  ]) {
    const response = await request.get(`/api/search?q=${raw}`);
    expect(response.status(), raw).toBe(200);
    const body = (await response.json()) as {
      films: unknown[];
      series: unknown[];
      people: unknown[];
    };
    expect(
      Array.isArray(body.films) && Array.isArray(body.series) && Array.isArray(body.people),
    ).toBe(true);
  }
  const long = await request.get(`/api/search?q=${"a".repeat(201)}`);
  expect(long.status()).toBe(400);
  expect(await long.json()).toEqual({ error: "Search with at most 200 characters." });
  const badLimit = await request.get("/api/search?q=a&limit=1000");
  expect(badLimit.status()).toBe(400);

  const ok = await request.get("/api/search?q=%EB%B0%9C%EB%A0%88%EB%A6%AC%EB%82%98");
  const body = (await ok.json()) as { films: { slug: string }[] };
  expect(body.films[0]?.slug).toBe("ballerina-2023");
});

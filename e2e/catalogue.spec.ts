import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

test("a reader opens Ballerina from its chart week and sees every fact", async ({ page }) => {
  await page.goto("/charts/2023-10-15/films-non-english");
  await page.getByRole("link", { name: "Ballerina", exact: true }).click();

  await expect(page).toHaveURL(/\/films\/ballerina-2023$/);
  await expect(page).toHaveTitle("Ballerina (2023) · Reelrank");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    "content",
    /Ballerina \(2023, directed by Lee Chung Hyun, 1h 32m\)/,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ballerina (2023)");
  const original = page.locator('main h1 + p [lang="ko"]', { hasText: "발레리나" });
  await expect(original).toBeVisible();

  const facts = page.locator("header dl").first();
  await expect(facts).toContainText("Runtime1h 32m");
  await expect(facts).toContainText("LanguageKorean");
  await expect(facts).toContainText("CountrySouth Korea");
  await expect(facts).toContainText("ReleasedOctober 6, 2023");

  const crew = page.getByRole("definition").filter({ hasText: "Lee Chung Hyun" });
  await expect(crew).toHaveCount(2); // director and writer
  await expect(page.getByText("Director", { exact: true })).toBeVisible();
  await expect(page.getByText("Writer", { exact: true })).toBeVisible();
  await expect(page.locator('span[lang="ko"]', { hasText: "(이충현)" }).first()).toBeVisible();

  const cast = page.getByRole("region", { name: "Cast" }).getByRole("listitem");
  await expect(cast).toHaveText([
    /Jeon Jong Seo \(전종서\)\s*as Ok-ju/,
    /Kim Ji Hoon \(김지훈\)\s*as Choi Pro/,
    /Park Yoo Rim \(박유림\)\s*as Min-hee/,
  ]);

  await page.getByRole("link", { name: "Jeon Jong Seo" }).click();
  await expect(page).toHaveURL(/\/people\/jeon-jong-seo$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jeon Jong Seo 전종서");
  await expect(page.getByRole("row", { name: /Ballerina/ })).toContainText("Actor (Ok-ju)");
});

test("the other Ballerina is another film", async ({ page }) => {
  await page.goto("/films/ballerina-2016");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ballerina (2016)");
  await expect(page.locator("header dl").first()).toContainText("LanguageEnglish");
  await expect(page.getByText("발레리나")).toHaveCount(0);
});

test("an unknown film is a real 404 with a way on", async ({ page }) => {
  const response = await page.goto("/films/ballerina-1999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Film not found" })).toBeVisible();
  await page.getByRole("link", { name: "Browse all films" }).click();
  await expect(page).toHaveURL(/\/films$/);

  expect((await page.request.get("/people/nobody-at-all")).status()).toBe(404);
  expect((await page.request.get("/no/such/page")).status()).toBe(404);
});

test("the catalogue sorts by year, newest first, and pages, unknown years last", async ({
  page,
}) => {
  // the published address: sort=year reads as "Newest"
  await page.goto("/films?sort=year");
  await expect(page.getByLabel("Sort by")).toHaveValue("newest");
  const years = page.locator("main tbody tr td:nth-of-type(1)");
  await expect(years.first()).toBeVisible();
  const shown = (await years.allTextContents()).map(Number);
  expect(shown.every((y) => y > 1880)).toBe(true);
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  // titles whose year no source gives come last, with no year shown
  const total = Number(
    /of ([\d,]+)/
      .exec(
        (await page
          .getByText(/Page 1 of [\d,]+/)
          .first()
          .textContent()) ?? "",
      )?.[1]
      ?.replace(/,/g, ""),
  );
  await page.goto(`/films?sort=year&page=${total}`);
  await expect(years.last()).toHaveText("");

  expect((await page.request.get(`/films?page=${total + 1}`)).status()).toBe(404);
});

test(
  "pages have no serious accessibility violations, light and dark",
  { tag: "@ui" },
  async ({ page }) => {
    test.setTimeout(120_000);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // the home page has its own check in home.spec.ts
      for (const path of [
        "/films",
        "/films/ballerina-2023",
        "/people/lee-chung-hyun",
        "/films/nope-2000",
      ]) {
        await page.goto(path);
        await expectNoSeriousA11yViolations(page);
      }
    }
  },
);

test(
  "the film page fits a 360 px phone and follows the system theme",
  { tag: "@ui" },
  async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/films/ballerina-2023");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
  },
);

test("keyboard users can skip to the content", { tag: "@ui" }, async ({ page }) => {
  await page.goto("/films/ballerina-2023");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

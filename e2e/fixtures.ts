import {
  expect,
  test as base,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from "@playwright/test";

export { expect };

export type TestUser = { name: string; handle: string; email: string; password: string };

/** A user no other test (or earlier run) has: tests run in parallel on one database. */
export function uniqueUser(label: string): TestUser {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${label} ${id}`,
    handle: `${label}_${id}`.slice(0, 20),
    email: `${label}.${id}@e2e.reelrank.test`,
    password: "a long test password",
  };
}

/**
 * Waits until every part of the page streamed after its shell is in place. Until React shows
 * such a part, its HTML also waits in a hidden `<div id="S:n">` outside `main`, beside the copy
 * on screen: text found there matches twice, and a field filled in there is not the one the
 * reader sees.
 */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'), null, {
    timeout: 10_000,
  });
}

/** Makes `goto`, `reload`, `goBack` and `goForward` end once the page has settled. */
function settleLoads(page: Page) {
  for (const method of ["goto", "reload", "goBack", "goForward"] as const) {
    const load = page[method].bind(page) as (...args: unknown[]) => Promise<unknown>;
    (page as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const response = await load(...args);
      await settled(page);
      return response;
    };
  }
}

function settleContext(context: BrowserContext) {
  context.pages().forEach(settleLoads);
  context.on("page", settleLoads);
}

/**
 * Playwright's `test`, with every page load (in the test's own context and in any context a test
 * opens from `browser`) ending once its streamed parts are in place.
 */
export const test = base.extend({
  context: async ({ context }, provide) => {
    settleContext(context);
    await provide(context);
  },
  browser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        settleContext(context);
        return context;
      };
      await provide(browser);
    },
    { scope: "worker" },
  ],
});

/** Signs up through the form (the journey a new viewer takes); ends signed in. */
export async function signUp(page: Page, user: TestUser) {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill(user.name);
  await page.getByLabel("Handle").fill(user.handle);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();
}

/** Signs in through Auth.js's API rather than the form: faster, and not what the test is about. */
export async function signInViaApi(
  request: APIRequestContext,
  user: Pick<TestUser, "email" | "password">,
) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).not.toContain("error");
}

export type RatingJson = {
  average: number | null;
  count: number;
  histogram: { stars: number; count: number }[];
};

export async function ratingOf(request: APIRequestContext, slug: string): Promise<RatingJson> {
  const body = (await (await request.get(`/api/films/${slug}`)).json()) as { rating: RatingJson };
  return body.rating;
}

/** Types into "Add a film" and chooses the film with the keyboard. */
export async function chooseFilm(page: Page, title: string) {
  const box = page.getByRole("combobox", { name: "Add a film" });
  await box.fill(title);
  const option = page.getByRole("option", { name: new RegExp(`^${title}`) }).first();
  await expect(option).toBeVisible();
  // choose with the keyboard: down to the option, then Enter
  const options = page.getByRole("option");
  const index = (await options.allTextContents()).findIndex((t) => t.startsWith(title));
  for (let i = 0; i <= index; i++) await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await box.press("Enter");
}

/** Adds a film to the list open in the editor, and waits for the editor to say so. */
export async function addFilm(page: Page, title: string) {
  await chooseFilm(page, title);
  await expect(page.getByRole("status").filter({ hasText: `${title} added.` })).toBeVisible();
}

/**
 * Opens `url` until `check` passes, for a shared page read right after a change. The first
 * request after a change renders the page again; but a request that arrives while a render begun
 * before the change is still running gets that render's page (Next answers everyone waiting on a
 * page with one render), and the next request gets the change. Readers see a change within a
 * second, and so may these checks; `check` should wait briefly (about a second) each time.
 */
export async function openUntil(
  page: Page,
  url: string,
  check: () => Promise<void>,
  timeout = 10_000,
) {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout });
}

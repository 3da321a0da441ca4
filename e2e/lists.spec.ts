import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { addFilm, chooseFilm, expect, signUp, test, type TestUser, uniqueUser } from "./fixtures";

// journeys with two sign-ups (argon2id by design costs CPU) on a shared 2-core machine
test.slow();

test.beforeAll(async ({ request }) => {
  // a server started for this run renders its first pages slowly: not what these tests time
  for (const path of ["/", "/signup", "/api/auth/session", "/lists/new"]) await request.get(path);
});

/**
 * Signs up through the form. Under load the form's move to the front page can lose a race with
 * its own refresh and stay on /signup although the account exists and the session is set: then
 * the front page, opened again, must show the viewer signed in.
 */
async function signUpSteadily(page: Page, user: TestUser) {
  await signUp(page, user).catch(async () => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();
  });
}

test("a viewer makes a ranked list, reorders it by keyboard; another viewer likes it", async ({
  page,
  browser,
}) => {
  const owner = uniqueUser("lister");
  await signUpSteadily(page, owner);
  await page.goto("/lists/new");
  await page.getByLabel("Name").fill("Autumn <three> 🍂");
  await page.getByLabel("Description (optional)").fill("Seen in Oslo.\nIn this order.");
  await page.getByLabel(/^Ranked/).check();
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${owner.handle}/lists/autumn-three/edit$`));

  for (const title of ["Fair Play", "Reptile", "Forgotten Love"]) await addFilm(page, title);
  const films = page.getByTestId("editor-film");
  await expect(films).toHaveCount(3);
  // the same film again is refused, with a sentence
  await chooseFilm(page, "Reptile");
  await expect(page.getByText("Reptile is already on this list.")).toBeVisible();
  await expect(films).toHaveCount(3);

  await expectNoSeriousA11yViolations(page);

  // move the third film to the top with the keyboard, announced as it goes
  const handle = page.getByRole("button", { name: /^Reorder Forgotten Love/ });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("reorder-announcement")).toContainText("Picked up Forgotten Love");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("reorder-announcement")).toContainText(
    "dropped at position 1 of 3",
  );
  await expect(films.first()).toContainText("Forgotten Love");
  await page.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByText("Order saved.")).toBeVisible();

  await page.getByRole("link", { name: "View the list" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Autumn <three> 🍂");
  const shown = page.getByTestId("list-films").getByRole("listitem");
  await expect(shown).toHaveCount(3);
  await expect(shown.nth(0)).toContainText("1. Forgotten Love");
  await expect(shown.nth(1)).toContainText("2. Fair Play");
  await expect(shown.nth(2)).toContainText("3. Reptile");
  await expect(page.getByRole("link", { name: "Edit list" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // another viewer likes it
  const context = await browser.newContext();
  const page2 = await context.newPage();
  await signUpSteadily(page2, uniqueUser("fan"));
  await page2.goto(`/u/${owner.handle}/lists/autumn-three`);
  await expect(page2.getByRole("link", { name: "Edit list" })).toHaveCount(0);
  const like = page2.getByRole("button", { name: /^Like/ });
  await expect(like).toHaveText("Like (0)");
  await like.click();
  await expect(page2.getByRole("button", { name: /^Liked/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page2.getByRole("button", { name: /^Liked/ })).toHaveText("Liked (1)");
  await page2.reload();
  await expect(page2.getByTestId("list-likes")).toHaveText("1 like");
  await context.close();

  // it is on the owner's lists page
  await page.goto(`/u/${owner.handle}/lists`);
  await expect(page.getByRole("link", { name: "Autumn <three> 🍂" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New list" })).toBeVisible();
});

test("a private list shows nothing to another reader, even asked for directly", async ({
  page,
  browser,
}) => {
  const owner = uniqueUser("secret");
  await signUpSteadily(page, owner);
  await page.goto("/lists/new");
  await page.getByLabel("Name").fill("Guilty pleasures");
  await page.getByLabel(/^Private/).check();
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(/\/lists\/guilty-pleasures\/edit$/);
  await addFilm(page, "Old Dads");
  await addFilm(page, "Pain Hustlers");
  // dragged with the pointer by its handle onto the first film
  const films = page.getByTestId("editor-film");
  await page.getByRole("button", { name: /^Reorder Pain Hustlers/ }).dragTo(films.first());
  await expect(films.first()).toContainText("Pain Hustlers");
  await page.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByText("Order saved.")).toBeVisible();

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(`/u/${owner.handle}/lists/guilty-pleasures`);
  await expect(other.getByText("This list is private: only its owner can see it.")).toBeVisible();
  await expect(other.getByText("Guilty pleasures")).toHaveCount(0);
  await expect(other.getByText("Old Dads")).toHaveCount(0);
  const api = await other.request.get(`/api/u/${owner.handle}/lists/guilty-pleasures`);
  expect(api.status()).toBe(403);
  expect(await api.text()).not.toContain("Old Dads");
  await other.goto(`/u/${owner.handle}/lists/guilty-pleasures/edit`);
  await expect(other).toHaveURL(/\/signin/);
  await context.close();

  // the owner sees it
  await page.goto(`/u/${owner.handle}/lists/guilty-pleasures`);
  await expect(page.getByRole("heading", { name: "Guilty pleasures" })).toBeVisible();
  const shown = page.getByTestId("list-films").getByRole("listitem");
  await expect(shown.nth(0)).toContainText("Pain Hustlers");
  await expect(shown.nth(1)).toContainText("Old Dads");
});

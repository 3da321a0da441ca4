import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signInViaApi, signUp, test, uniqueUser } from "./fixtures";

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function postReview(page: Page, slug: string, text: string) {
  await page.goto(`/films/${slug}`);
  const mine = page.getByTestId("your-review");
  await mine
    .getByRole("radiogroup", { name: "Your rating" })
    .getByRole("radio", { name: "4 stars", exact: true })
    .check();
  await mine.getByLabel("Your review").fill(text);
  await mine.getByRole("button", { name: "Post review" }).click();
  await expect(mine.getByRole("article")).toContainText(text);
}

test("settings pass axe; a handle change sends the old profile address to the new one", async ({
  page,
}) => {
  const user = uniqueUser("rename");
  await signUp(page, user);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // a taken handle is refused with a sentence, and nothing changes
  const handleForm = section(page, "Handle");
  await handleForm.getByLabel("Handle").fill("MinJi");
  await handleForm.getByRole("button", { name: "Change handle" }).click();
  await expect(handleForm.getByText("This handle is taken.").first()).toBeVisible();

  const next = `${user.handle.slice(0, 14)}_new`;
  await handleForm.getByLabel("Handle").fill(next);
  await handleForm.getByRole("button", { name: "Change handle" }).click();
  await expect(handleForm.getByRole("status")).toContainText(`Your handle is now @${next}`);

  const response = await page.request.get(`/u/${user.handle}`, { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  await page.goto(`/u/${user.handle}`);
  await expect(page).toHaveURL(new RegExp(`/u/${next}$`));
  await expect(page.getByRole("heading", { name: user.name, level: 1 })).toBeVisible();
  await page.goto(`/u/${user.handle}/lists`);
  await expect(page).toHaveURL(new RegExp(`/u/${next}/lists$`));
});

test("a password change keeps this session and ends the one in another browser", async ({
  page,
  browser,
}) => {
  const user = uniqueUser("passwd");
  await signUp(page, user);

  const elsewhere = await browser.newContext();
  await signInViaApi(elsewhere.request, user);
  const other = await elsewhere.newPage();
  await other.goto("/settings");
  await expect(other.getByRole("heading", { name: "Display name" })).toBeVisible();

  await page.goto("/settings");
  const form = section(page, "Password");
  await form.getByLabel("Current password").fill("not the password");
  await form.getByLabel("New password").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Your current password is not right.").first()).toBeVisible();

  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Your password is changed.");

  // this browser is still signed in, on a fresh load too
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Display name" })).toBeVisible();
  // the other one is signed out on its next navigation
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/signin/);
  await elsewhere.close();
});

test("deleting an account and keeping its reviews shows them as by a deleted user; sign-in fails", async ({
  page,
}) => {
  const user = uniqueUser("leaver");
  await signUp(page, user);
  const text = `Kept after I leave ${user.handle}`;
  await postReview(page, "khufiya-2023", text);

  await page.goto("/settings");
  const form = section(page, "Delete account");
  await form.getByRole("radio", { name: "Keep them, shown as by a deleted user" }).check();
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/films/khufiya-2023");
  const review = page.getByRole("article").filter({ hasText: text });
  await expect(review).toContainText("a deleted user");
  await expect(review.getByRole("link", { name: "a deleted user" })).toHaveCount(0);
  await expect(review.locator(`a[href^="/u/"]`)).toHaveCount(0);

  expect((await page.request.get(`/u/${user.handle}`)).status()).toBe(404);

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const signIn = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(signIn.headers()["location"]).toContain("error");
});

import type { Browser } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signInViaApi, signUp, test, uniqueUser } from "./fixtures";

const ADMIN = { email: "admin@demo.reelrank.test", password: "reelrank-demo" };
const ANSWER =
  "If an account uses that address, we have sent it a link to choose a new password. The link works once, for one hour.";

/** The reset link mailed to `email`, as an admin reads it in the outbox (mail goes out after the answer). */
async function resetLinkFor(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInViaApi(admin.request, ADMIN);
  const message = admin
    .getByRole("article")
    .filter({ has: admin.getByRole("heading", { name: "Choose a new Reelrank password" }) })
    .filter({ hasText: email });
  await expect(async () => {
    await admin.goto("/admin/outbox");
    await expect(message).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const link = message.getByRole("link", { name: /\/reset\// });
  const href = await link.getAttribute("href");
  await context.close();
  expect(href).toMatch(/^\/reset\/[A-Za-z0-9_-]{43}$/);
  return href!;
}

test("a viewer who forgot their password chooses a new one from the mailed link, once", async ({
  browser,
  page,
}) => {
  // signs up (argon2id), then reads the outbox as an admin, on a busy 2-core machine
  test.setTimeout(180_000);
  const user = uniqueUser("forgot");
  const signedUp = await browser.newContext();
  await signUp(await signedUp.newPage(), user);
  await signedUp.close();

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(ANSWER);

  // an address nobody uses gets the very same answer
  await page.reload();
  await page.getByLabel("Email").fill(`nobody.${Date.now()}@e2e.reelrank.test`);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(ANSWER);

  const link = await resetLinkFor(browser, user.email);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
  const newPassword = "a fresh e2e password";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=password-changed$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your password was changed. Sign in with the new one.",
  );

  // the old password no longer opens the account; the new one does
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();

  // the link works once
  await page.goto(link);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute(
    "href",
    "/forgot",
  );
});

test("only admins read the outbox", async ({ page }) => {
  await page.goto("/admin/outbox");
  // the refusal streams in after the page's shell: a busy server takes a while
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Foutbox/, { timeout: 30_000 });
  await signInViaApi(page.request, {
    email: "minji@demo.reelrank.test",
    password: "reelrank-demo",
  });
  await page.goto("/admin/outbox");
  await expect(page.getByText("Only admins can read the outbox.")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(0);
});

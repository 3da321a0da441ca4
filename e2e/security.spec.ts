import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueUser } from "./fixtures";

/** Collects what the browser logs about Content-Security-Policy violations on `page`. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy/i.test(error.message)) seen.push(error.message);
  });
  return seen;
}

test("shared pages work under the Content-Security-Policy without a violation", async ({
  page,
}) => {
  const violations = cspViolations(page);
  const home = await page.goto("/");
  expect(home?.headers()["content-security-policy"]).toContain("default-src 'self'");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/films/ballerina-2023");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ballerina");
  // the reader's own parts are fetched after load: the client scripts ran
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  await page.goto("/search?q=ballerina");
  await expect(page.getByRole("link", { name: /Ballerina/ }).first()).toBeVisible();
  await page.goto("/charts");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("signing up and posting work under the policy, and the session cookie is HttpOnly", async ({
  page,
}) => {
  const violations = cspViolations(page);
  const user = uniqueUser("csp");
  await page.goto("/signup");
  await page.getByLabel("Display name").fill(user.name);
  await page.getByLabel("Handle").fill(user.handle);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();
  const session = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(violations).toEqual([]);
});

test("after signing in, a callbackUrl to another site leads home instead", async ({
  page,
  baseURL,
}) => {
  const user = uniqueUser("redir");
  await signUp(page, user);
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("//evil.example/films")}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();
  await expect(page).toHaveURL(`${baseURL}/`);
});

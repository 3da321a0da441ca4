import type { Page } from "@playwright/test";
import { expect, signUp, test, uniqueUser } from "./fixtures";

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

test("a request from another site cannot change anything through the API, even with the reader's cookies", async ({
  page,
  baseURL,
}) => {
  const user = uniqueUser("csrf");
  await signUp(page, user);
  const form = { currentPassword: user.password, newPassword: "another long passphrase 1" };
  // what a page on another site could make the reader's browser send, cookies and all
  const crossSite: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
  ];
  for (const headers of crossSite) {
    for (const path of ["/api/me/password", "/api/me/account/delete"]) {
      const answer = await page.request.post(path, { form, headers });
      expect(answer.status(), `${path} with ${JSON.stringify(headers)}`).toBe(403);
      expect(await answer.json()).toEqual({
        error: "Requests from other sites cannot change anything here.",
      });
    }
  }
  // nothing changed: the reader is still signed in, with the same password
  await page.goto("/settings");
  await expect(page.getByRole("link", { name: `@${user.handle}` })).toBeVisible();
  // the same request from the site itself goes through to the route, which checks it in turn
  const own = await page.request.post("/api/me/password", {
    form: { currentPassword: "not the password", newPassword: "another long passphrase 1" },
    headers: { Origin: new URL(baseURL!).origin },
  });
  expect(own.status()).not.toBe(403);
  expect(own.status()).toBeLessThan(500);
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

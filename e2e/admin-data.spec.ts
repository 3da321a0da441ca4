import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signInViaApi, signUp, test, uniqueUser } from "./fixtures";

const ADMIN = { email: "admin@demo.reelrank.test", password: "reelrank-demo" };

// The stand-in Netflix server (scripts/e2e-server.ts) has one week more than the shipped
// snapshot, whose last week ends on 2026-07-19.
test("an admin checks Netflix now: progress, the new week, then up to date", async ({ page }) => {
  test.setTimeout(120_000);
  await signInViaApi(page.request, ADMIN);
  await page.goto("/admin/data");
  await expect(page.getByRole("heading", { name: "Netflix data" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Check now" }).click();
  const progress = page.getByTestId("sync-progress");
  await expect(progress).toContainText(/Starting|Checking|Downloading|Importing|finished/);
  await expect(progress).toContainText("finished", { timeout: 90_000 });
  await expect(progress).toContainText(/all-weeks-global\.tsv.*1 week added/);
  await expect(page.getByTestId("sync-log")).toContainText(/all-weeks-global\.tsv · imported/);
  await expect(
    page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "all-weeks-global.tsv" }) }),
  ).toContainText('"');

  await page.goto("/charts");
  await expect(page.getByText("Week of Jul 20–26, 2026", { exact: true })).toBeVisible();
  await expect(page.getByRole("table").locator("tbody tr").getByRole("link")).toHaveCount(10);

  await page.goto("/admin/data");
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(progress).toContainText("finished", { timeout: 90_000 });
  await expect(progress).toContainText(/all-weeks-global\.tsv: up to date/);
});

test("only admins can see or start a sync", async ({ page, request }) => {
  expect((await request.get("/api/admin/sync")).status()).toBe(401);
  await page.goto("/admin/data");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fdata/);

  await signUp(page, uniqueUser("viewer"));
  expect((await page.request.get("/api/admin/sync")).status()).toBe(403);
  await page.goto("/admin/data");
  await expect(page.getByRole("main")).toContainText("Only admins can manage the data.");
  await expect(page.getByRole("button", { name: "Check now" })).toHaveCount(0);
});

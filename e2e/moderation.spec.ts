import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signInViaApi, signUp, test, uniqueUser } from "./fixtures";

const MODERATOR = { email: "moderator@demo.reelrank.test", password: "reelrank-demo" };
const ADMIN = { email: "admin@demo.reelrank.test", password: "reelrank-demo" };

async function newViewer(browser: Browser, label: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = uniqueUser(label);
  await signUp(page, user);
  return { page, user, close: () => context.close() };
}

async function postReview(page: Page, slug: string, stars: string, text: string) {
  await page.goto(`/films/${slug}`);
  const mine = page.getByTestId("your-review");
  await mine.getByRole("radio", { name: stars, exact: true }).check();
  await mine.getByLabel("Your review").fill(text);
  await mine.getByRole("button", { name: "Post review" }).click();
  await expect(mine.getByRole("article")).toContainText(text);
}

test("three reports hide a review; a moderator restores it with a reason, and the log shows it", async ({
  page,
  browser,
}) => {
  // four people sign up through the form (argon2id costs CPU by design) while other journeys run
  test.setTimeout(180_000);

  const author = await newViewer(browser, "author");
  const text = `Buy cheap streaming accounts ${Date.now()}`;
  await postReview(author.page, "reptile-2023", "1 star", text);

  for (let i = 0; i < 3; i++) {
    const reporter = await newViewer(browser, `rep${i}`);
    await reporter.page.goto("/films/reptile-2023");
    const review = reporter.page.getByRole("article").filter({ hasText: text });
    await review.getByRole("button", { name: "Report" }).click();
    const dialog = reporter.page.getByRole("dialog", { name: "Report this review" });
    await dialog.getByRole("radio", { name: "Spam" }).check();
    await dialog.getByRole("button", { name: "Send report" }).click();
    if (i < 2)
      await expect(
        dialog.getByText("Thank you: your report is sent to the moderators."),
      ).toBeVisible();
    // the third report reaches the threshold: the review leaves the page at once
    else await expect(review).toHaveCount(0);
    await reporter.close();
  }

  // hidden for readers; its author is told why
  await page.goto("/films/reptile-2023");
  await expect(page.getByRole("article").filter({ hasText: text })).toHaveCount(0);
  await author.page.reload();
  await expect(author.page.getByTestId("your-review")).toContainText(
    "Hidden: reported by several readers, pending review by a moderator",
  );
  await author.close();

  await signInViaApi(page.request, MODERATOR);
  await page.goto("/mod");
  const item = page.getByRole("article").filter({ hasText: text });
  await expect(item).toContainText("3 reports");
  await expect(item).toContainText("Spam");
  await item.getByLabel("Reason").selectOption({ label: "No violation" });
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("article").filter({ hasText: text })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.goto("/films/reptile-2023");
  await expect(page.getByRole("article").filter({ hasText: text })).toBeVisible();

  await page.goto("/mod/log");
  const row = page
    .getByRole("row")
    .filter({ hasText: "restore" })
    .filter({ hasText: text.slice(0, 20) });
  await expect(row.first()).toContainText("@sam_mod");
  await expect(row.first()).toContainText("no violation");
});

test("a silenced user can read but cannot post", async ({ page, browser }) => {
  const viewer = await newViewer(browser, "loud");
  await signInViaApi(page.request, MODERATOR);
  await page.goto(`/mod/users/${viewer.user.handle}`);
  await page.locator("main").getByLabel("Sanction", { exact: true }).selectOption("silence");
  await page.locator("main").getByLabel("For how many hours").fill("24");
  await page.locator("main").getByLabel("Reason").selectOption({ label: "Spam" });
  await page.getByRole("button", { name: "Apply sanction" }).click();
  await expect(page.getByText("Sanction applied.")).toBeVisible();

  await viewer.page.goto("/films/the-conference-2023");
  const mine = viewer.page.getByTestId("your-review");
  await expect(mine).toContainText(/Your account is silenced until .+: you can read, but not post/);
  await expect(
    viewer.page.getByText(/Your account is silenced until .+ UTC for spam/),
  ).toBeVisible();

  await mine.getByRole("radio", { name: "4 stars", exact: true }).check();
  await mine.getByRole("button", { name: "Post review" }).click();
  await expect(mine.getByRole("status").first()).toContainText("Your account is silenced");
  await viewer.page.reload();
  await expect(mine.getByRole("article")).toHaveCount(0);
  await viewer.close();
});

test("a suspended user cannot sign in, and only moderators reach /mod", async ({
  page,
  browser,
}) => {
  const viewer = await newViewer(browser, "gone");
  await expect(viewer.page.getByRole("link", { name: "Moderation" })).toHaveCount(0);
  await viewer.page.goto("/mod");
  // while it streams, the page briefly holds a hidden copy of the Suspense content
  await expect(
    viewer.page.locator("main").getByText("Only moderators can see the moderation queue."),
  ).toBeVisible();

  await signInViaApi(page.request, ADMIN);
  await page.goto(`/mod/users/${viewer.user.handle}`);
  await page.locator("main").getByLabel("Sanction", { exact: true }).selectOption("suspend");
  await page.locator("main").getByLabel("For how many hours").fill("48");
  await page.locator("main").getByLabel("Reason").selectOption({ label: "Harassment or hate" });
  await page.getByRole("button", { name: "Apply sanction" }).click();
  await expect(page.getByText("Sanction applied.")).toBeVisible();
  await viewer.close();

  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto("/signin");
  await again.getByLabel("Email").fill(viewer.user.email);
  await again.getByLabel("Password").fill(viewer.user.password);
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect(again.getByText(/This account is suspended until/)).toBeVisible();
  await fresh.close();

  const anonymous = await browser.newContext();
  const anon = await anonymous.newPage();
  await anon.goto("/mod");
  await expect(anon).toHaveURL(/\/signin\?callbackUrl=%2Fmod/);
  await anonymous.close();
});

import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { signUp, uniqueUser } from "./fixtures";

test("a viewer logs a watch with a review; a follower sees it in their feed and likes it; the reviewer is told", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // A logs a watch with 4 stars, a tag and a review: one diary entry and one review
  const a = uniqueUser("author");
  await signUp(page, a);
  await page.goto("/films/the-quake-2018");
  await page
    .getByTestId("viewer-actions")
    .getByRole("button", { name: "Log", exact: true })
    .click();
  const dialog = page.getByRole("dialog", { name: "Log The Quake" });
  await dialog.getByLabel("Date watched").fill("2025-11-02");
  await dialog.getByRole("radio", { name: "4 stars", exact: true }).check();
  await dialog.getByLabel("Tags").fill("disaster");
  const text = `Feed-worthy review ${a.handle}`;
  await dialog.getByLabel("Review (optional)").fill(text);
  await dialog.getByRole("button", { name: "Save to diary" }).click();
  await expect(dialog).toBeHidden();
  // the log's text is A's one review of the film, on their profile
  await page.goto(`/u/${a.handle}`);
  await expect(page.getByRole("article").filter({ hasText: text })).toBeVisible();

  // B follows A from A's profile
  const b = uniqueUser("reader");
  const context = await browser.newContext();
  const pageB = await context.newPage();
  await signUp(pageB, b);
  await pageB.goto("/feed");
  await expect(pageB.getByRole("heading", { name: "Nothing here yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(pageB);

  await pageB.goto(`/u/${a.handle}`);
  const follow = pageB.getByRole("button", { name: "Follow", exact: true });
  await follow.click();
  const following = pageB.getByRole("button", { name: "Following" });
  await expect(following).toHaveAttribute("aria-pressed", "true");
  await expect(pageB.getByTestId("followers-count")).toHaveText("1 follower");
  await pageB.getByTestId("followers-count").click();
  await expect(pageB.getByRole("link", { name: b.name })).toBeVisible();

  // B sees A's watch and review in the feed, and likes the review there
  await pageB.goto("/feed");
  await expect(pageB.getByRole("main")).toContainText(`${a.name} watched The Quake`);
  const item = pageB.getByRole("article").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expectNoSeriousA11yViolations(pageB);
  const like = item.getByRole("button", { name: /Like/ });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await context.close();

  // A sees the bell's count (B's follow and like) and the notification, and marks it read
  await page.goto("/");
  const bell = page.getByRole("link", { name: "Notifications, 2 unread" });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const notice = page.getByRole("listitem").filter({
    hasText: `${b.name} liked your review of The Quake`,
  });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("New");
  await expectNoSeriousA11yViolations(page);
  await notice.getByRole("button", { name: "Mark as read" }).click();
  await expect(notice.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
  await expect(notice).not.toContainText("New");
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
});

test("a reader who is not signed in is sent to sign in from the feed", async ({ page }) => {
  await page.goto("/feed");
  // the redirect comes in the streamed part of the page
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffeed/, { timeout: 30_000 });
});

import { expectNoSeriousA11yViolations } from "./a11y";
import { addFilm, expect, openUntil, signUp, test, uniqueUser } from "./fixtures";

// A time zone whose calendar day is not UTC's while the test runs, so that a Log dialog filled
// with the server's (UTC) day instead of the viewer's shows.
test.use({
  timezoneId: new Date().getUTCHours() < 10 ? "Pacific/Pago_Pago" : "Pacific/Kiritimati",
});

test("a viewer logs, keeps a watchlist and a ranked list; a follower sees them in the feed and likes the review; the viewer is told, then blocks them", async ({
  page,
  browser,
}) => {
  // three sign-ups' worth of saves on a busy two-core machine
  test.setTimeout(240_000);
  // A logs a watch with 4 stars, a tag and a review: one diary entry and one review
  const a = uniqueUser("author");
  await signUp(page, a);
  await page.goto("/films/the-quake-2018");
  const actions = page.getByTestId("viewer-actions");
  await actions.getByRole("button", { name: "Log", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Log The Quake" });
  // the date starts at the viewer's own today, not the server's
  const localToday = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  expect(localToday).not.toBe(new Date().toISOString().slice(0, 10));
  await expect(dialog.getByLabel("Date watched")).toHaveValue(localToday);
  await dialog.getByLabel("Date watched").fill("2025-11-02");
  await dialog.getByRole("radio", { name: "4 stars", exact: true }).check();
  await dialog.getByLabel("Tags").fill("disaster");
  const text = `Feed-worthy review ${a.handle}`;
  await dialog.getByLabel("Review (optional)").fill(text);
  await dialog.getByRole("button", { name: "Save to diary" }).click();
  await expect(dialog).toBeHidden();
  await expect(actions.getByTestId("watched-state")).toHaveText("You watched this on 2 Nov 2025.");

  // another film on the watchlist
  await page.goto("/films/the-conference-2023");
  await page
    .getByTestId("viewer-actions")
    .getByRole("button", { name: "Add to watchlist" })
    .click();
  await expect(
    page.getByTestId("viewer-actions").getByRole("button", { name: "On your watchlist" }),
  ).toHaveAttribute("aria-pressed", "true");

  // a ranked list of two films
  await page.goto("/lists/new");
  const listName = "Quake night, ranked";
  await page.getByLabel("Name").fill(listName);
  await page.getByLabel(/^Ranked/).check();
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${a.handle}/lists/quake-night-ranked/edit$`));
  for (const title of ["Fair Play", "Reptile"]) await addFilm(page, title);
  await expect(page.getByTestId("editor-film")).toHaveCount(2);

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
  await expect(pageB).toHaveURL(new RegExp(`/u/${a.handle}/followers$`));
  await openUntil(pageB, `/u/${a.handle}/followers`, () =>
    expect(pageB.getByRole("link", { name: b.name })).toBeVisible({ timeout: 1000 }),
  );

  // B sees A's watch, list and review in the feed, and likes the review there
  await pageB.goto("/feed");
  const feed = pageB.getByRole("main");
  await expect(feed).toContainText(`${a.name} watched The Quake (2018) on November 2, 2025`);
  await expect(feed).toContainText(`${a.name} made a ranked list: ${listName} (2 films)`);
  await expect(feed.getByRole("link", { name: listName })).toHaveAttribute(
    "href",
    `/u/${a.handle}/lists/quake-night-ranked`,
  );
  const item = pageB.getByRole("article").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expectNoSeriousA11yViolations(pageB);
  const like = item.getByRole("button", { name: /Like/ });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");

  // B reviews a film (one no other test counts the ratings of)
  const theirText = `A second opinion from ${b.handle}`;
  await pageB.goto("/films/dune-2021");
  const mineB = pageB.getByTestId("your-review");
  await mineB
    .getByRole("radiogroup", { name: "Your rating" })
    .getByRole("radio", { name: "3 stars", exact: true })
    .check();
  await mineB.getByLabel("Your review").fill(theirText);
  await mineB.getByRole("button", { name: "Post review" }).click();
  await expect(mineB.getByRole("article")).toContainText(theirText);

  // A sees the bell's count (B's follow and like) and the notifications, and marks them read
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
  await expect(
    page.getByRole("listitem").filter({ hasText: `${b.name} followed you` }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await notice.getByRole("button", { name: "Mark as read" }).click();
  await expect(notice.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
  await expect(notice).not.toContainText("New");
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // A reads B's review on the film's page, then blocks B from B's profile
  await page.goto("/films/dune-2021");
  const theirReview = page.getByRole("article").filter({ hasText: theirText });
  await expect(theirReview).toBeVisible();
  await page.goto(`/u/${b.handle}`);
  await page.getByRole("button", { name: "Block", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Block @${b.handle}?` });
  await confirm.getByRole("button", { name: "Block", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "You blocked" })).toHaveText(
    `You blocked @${b.handle}.`,
  );
  await expect(page.getByRole("button", { name: "Unblock" })).toBeVisible();
  // the shared film page no longer shows A the review by B
  await page.goto("/films/dune-2021");
  await expect(page.getByRole("combobox", { name: "Sort reviews" })).toBeVisible();
  // still on the shared page (a role query skips what is hidden, so this one does not), hidden
  // from A alone
  const hiddenReview = page
    .getByRole("article", { includeHidden: true })
    .filter({ hasText: theirText });
  await expect(hiddenReview).toBeAttached();
  await expect(hiddenReview).toBeHidden();

  // B's follow of A ended with the block, and following again is refused with a sentence
  await pageB.goto(`/u/${a.handle}`);
  await expect(pageB.getByTestId("followers-count")).toHaveText("0 followers");
  await pageB.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(pageB.getByRole("status").filter({ hasText: "interact" })).toHaveText(
    "You can't interact with this user's content.",
  );
  await expect(pageB.getByRole("button", { name: "Follow", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await pageB.reload();
  await expect(pageB.getByTestId("followers-count")).toHaveText("0 followers");
  await context.close();
});

test("a reader who is not signed in is sent to sign in from the feed", async ({ page }) => {
  await page.goto("/feed");
  // the redirect comes in the streamed part of the page
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffeed/, { timeout: 30_000 });
});

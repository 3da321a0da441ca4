import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, openUntil, ratingOf, signInViaApi, signUp, test, uniqueUser } from "./fixtures";

const averageOf = (sum: number, count: number) =>
  (Math.round((sum / count / 2) * 10) / 10).toFixed(1);
const sumOf = (r: Awaited<ReturnType<typeof ratingOf>>) =>
  r.histogram.reduce((s, h) => s + h.stars * 2 * h.count, 0);

test("a viewer signs up, reviews, edits; another likes and comments; the review is deleted", async ({
  page,
  browser,
}) => {
  // two sign-ups, an accessibility check and a dozen saves on a busy two-core machine
  test.setTimeout(150_000);
  const viewer = uniqueUser("viewer");
  await signUp(page, viewer);

  // a film no other test rates: the counts below are this test's alone
  const film = "/films/jaane-jaan-2023";
  const before = await ratingOf(page.request, "jaane-jaan-2023");
  await page.goto(film);
  const mine = page.getByTestId("your-review");
  await mine
    .getByRole("radiogroup", { name: "Your rating" })
    .getByRole("radio", { name: "4.5 stars" })
    .check();
  const text =
    "Oslo falls apart, slowly. 지진 장면 최고 🌋\n\nSecond paragraph <script>alert(1)</script>";
  await mine.getByLabel("Your review").fill(text);
  await mine.getByRole("button", { name: "Post review" }).click();

  await expect(mine.getByRole("article")).toContainText("<script>alert(1)</script>");
  await expect(mine.getByRole("article")).toContainText("지진 장면 최고 🌋");
  await expect(page.getByTestId("rating-count")).toHaveText(
    `${before.count + 1} rating${before.count + 1 === 1 ? "" : "s"}`,
  );
  await expect(page.getByTestId("rating-average")).toContainText(
    averageOf(sumOf(before) + 9, before.count + 1),
  );
  await expect(mine.getByRole("img", { name: "4.5 stars" })).toBeVisible();

  // edit: the rating and text change, "edited" shows, and the aggregates follow
  await mine.getByRole("button", { name: "Edit review" }).click();
  await mine.getByRole("radio", { name: "3 stars", exact: true }).check();
  await mine.getByLabel("Your review").fill("On reflection: fine.");
  await mine.getByRole("button", { name: "Post review" }).click();
  await expect(mine.getByRole("article")).toContainText("On reflection: fine.");
  await expect(mine.getByRole("article")).toContainText("edited");
  await expect(page.getByTestId("rating-average")).toContainText(
    averageOf(sumOf(before) + 6, before.count + 1),
  );
  // the review's history keeps the first text, as typed
  await mine.getByRole("link", { name: "edited — see changes" }).click();
  await expect(page).toHaveURL(/\/reviews\/\d+\/history$/);
  const versions = page.getByRole("main").getByRole("listitem");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("Current, edited");
  await expect(versions.nth(0)).toContainText("On reflection: fine.");
  await expect(versions.nth(1)).toContainText("First posted");
  await expect(versions.nth(1)).toContainText("Oslo falls apart, slowly. 지진 장면 최고 🌋");
  await expect(versions.nth(1)).toContainText("<script>alert(1)</script>");
  await expect(versions.nth(1).getByRole("img", { name: "4.5 stars" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // another viewer likes it and comments on its page
  const other = uniqueUser("fan");
  const context = await browser.newContext();
  const page2 = await context.newPage();
  await signUp(page2, other);
  await page2.goto(film);
  const theirReview = page2.getByRole("article").filter({ hasText: "On reflection: fine." });
  const like = theirReview.getByRole("button", { name: /Like/ });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(like).toContainText("(1)");
  await theirReview.getByRole("link", { name: "0 comments" }).click();
  await expect(page2).toHaveURL(/\/reviews\/\d+$/);
  await page2.getByLabel("Your comment").fill("Agreed — 동의해요 <b>bold?</b>");
  await page2.getByRole("button", { name: "Post comment" }).click();
  await expect(
    page2.getByRole("listitem").filter({ hasText: "Agreed — 동의해요 <b>bold?</b>" }),
  ).toBeVisible();
  await expect(page2.getByRole("heading", { name: "Comments (1)" })).toBeVisible();
  // the commenter edits the comment: the new text, marked edited
  const reviewUrl = page2.url();
  const commentId = await page2
    .getByRole("listitem")
    .filter({ hasText: "Agreed — 동의해요" })
    .getAttribute("id");
  const comment = page2.locator(`[id="${commentId}"]`);
  await expect(comment).not.toContainText("edited");
  await comment.getByRole("button", { name: "Edit", exact: true }).click();
  await comment.getByLabel("Edit your comment").fill("Agreed, mostly — 대체로 <i>동의</i>");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment).toContainText("Agreed, mostly — 대체로 <i>동의</i>");
  await expect(comment).toContainText("edited");
  await expect(comment.getByLabel("Edit your comment")).toHaveCount(0);
  await context.close();

  // the review's author reads the edited comment
  const read = page.locator(`[id="${commentId}"]`);
  await openUntil(page, reviewUrl, () =>
    expect(read).toContainText("Agreed, mostly — 대체로 <i>동의</i>", { timeout: 1000 }),
  );
  await expect(read).not.toContainText("Agreed — 동의해요");
  await expect(read).toContainText("edited");

  // the author sees the like, then deletes the review
  await page.goto(film);
  await expect(mine.getByRole("article")).toContainText("1 like");
  await mine.getByRole("button", { name: "Delete review" }).click();
  await mine.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(mine.getByRole("radiogroup", { name: "Your rating" })).toBeVisible();
  await page.reload();
  const after = await ratingOf(page.request, "jaane-jaan-2023");
  expect(after).toEqual(before);
});

test("bad input gets a clear message and posts nothing", async ({ page }) => {
  await signUp(page, uniqueUser("picky"));
  await page.goto("/films/sister-death-2023");
  const before = await ratingOf(page.request, "sister-death-2023");
  const mine = page.getByTestId("your-review");
  await mine.getByLabel("Your review").fill("No stars given.");
  await mine.getByRole("button", { name: "Post review" }).click();
  await expect(
    mine.getByText("Choose a rating from 0.5 to 5 stars, in half stars.").first(),
  ).toBeVisible();
  expect(await ratingOf(page.request, "sister-death-2023")).toEqual(before);
});

test("the star picker works with the keyboard", { tag: "@ui" }, async ({ page }) => {
  await signUp(page, uniqueUser("keys"));
  await page.goto("/films/old-dads-2023");
  const group = page.getByRole("radiogroup", { name: "Your rating" });
  await group.getByRole("radio", { name: "0.5 stars" }).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { name: "3.5 stars" })).toBeChecked();
  await page.getByRole("button", { name: "Clear rating" }).click();
  await expect(group.getByRole("radio", { checked: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("readers without an account see reviews, spoilers hidden, and are asked to sign in", async ({
  page,
}) => {
  await page.goto("/films/ballerina-2023");
  await expect(page.getByTestId("rating-count")).toHaveText(/\d+ ratings/);
  const spoiler = page.getByRole("article").filter({ hasText: "This review contains spoilers" });
  await expect(spoiler.getByText("The ending goes exactly")).toBeHidden();
  await spoiler.getByText("This review contains spoilers: show it").click();
  await expect(spoiler.getByText("The ending goes exactly")).toBeVisible();
  await expect(
    page.getByTestId("your-review").getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: "전종서 is ferocious" })).toBeVisible();

  await page.getByLabel("Sort reviews").selectOption("Lowest rated");
  await expect(page.getByRole("article").first()).toContainText("Stylish revenge thriller");
  await expectNoSeriousA11yViolations(page);
});

test("sign in with the form, wrong password first; the profile lists reviews and offers the CSV to its owner", async ({
  page,
}) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("minji@demo.reelrank.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await page.getByLabel("Password").fill("reelrank-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: "@minji" })).toBeVisible();

  await page.goto("/u/minji");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min-ji");
  await expect(page.getByRole("article").filter({ hasText: "Ballerina (2023)" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download all my reviews and ratings (CSV)" }).click();
  const csv = await (
    await download
  )
    .path()
    .then((p) => import("node:fs").then((fs) => fs.readFileSync(p, "utf8")));
  expect(csv).toContain("film,year,url,rating_stars");
  expect(csv).toContain("전종서 is ferocious");

  await page.goto("/u/tomas");
  await expect(page.getByRole("link", { name: /Download all my reviews/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("signed-out requests to private data are refused", async ({ request }) => {
  expect((await request.get("/api/me/reviews")).status()).toBe(401);
  expect(await (await request.get("/api/me/films/ballerina-2023")).json()).toEqual({
    signedIn: false,
  });
  // a user signed in through the API sees their own review state only
  await signInViaApi(request, { email: "tomas@demo.reelrank.test", password: "reelrank-demo" });
  const state = (await (await request.get("/api/me/films/ballerina-2023")).json()) as {
    myReview: { author: { handle: string } };
  };
  expect(state.myReview.author.handle).toBe("tomas");
});

test(
  "the sign-in and sign-up pages have no serious accessibility violations",
  { tag: "@ui" },
  async ({ page }) => {
    for (const path of ["/signin", "/signup"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  },
);

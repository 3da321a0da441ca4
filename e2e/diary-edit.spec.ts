import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signUp, test, uniqueUser } from "./fixtures";

test("an owner edits and deletes diary entries; nobody else sees Edit or gets in", async ({
  page,
  browser,
}) => {
  // a long journey of sign-ups and saves on a busy two-core machine
  test.setTimeout(120_000);
  const owner = uniqueUser("editor");
  await signUp(page, owner);

  // a log with 4 stars is the owner's review, shown in "Your review" without a reload
  await page.goto("/films/pain-hustlers-2023");
  const mine = page.getByTestId("your-review");
  await expect(mine.getByRole("heading", { name: "Rate and review Pain Hustlers" })).toBeVisible();
  const actions = page.getByTestId("viewer-actions");
  await actions.getByRole("button", { name: "Log", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Log Pain Hustlers" });
  await dialog.getByLabel("Date watched").fill("2025-10-12");
  await dialog.getByRole("radio", { name: "4 stars", exact: true }).check();
  await dialog.getByLabel("Tags").fill("cinema");
  await dialog.getByRole("button", { name: "Save to diary" }).click();
  await expect(dialog).toBeHidden();
  await expect(mine.getByRole("heading", { name: "Your review" })).toBeVisible();
  await expect(mine.getByRole("img", { name: "4 stars" })).toBeVisible();

  await page.goto("/films/the-conference-2023");
  await page
    .getByTestId("viewer-actions")
    .getByRole("button", { name: "Log", exact: true })
    .click();
  const second = page.getByRole("dialog", { name: "Log The Conference" });
  await second.getByLabel("Date watched").fill("2025-10-05");
  await second.getByRole("button", { name: "Save to diary" }).click();
  await expect(second).toBeHidden();

  // from the diary's Edit link: a new date and tag move the entry to August
  const diary = `/u/${owner.handle}/diary`;
  await page.goto(diary);
  const october = page.getByRole("region", { name: "October 2025" });
  await expect(october.getByRole("listitem").filter({ hasText: "The Conference" })).toBeVisible();
  await october.getByRole("link", { name: "Edit entry for Pain Hustlers on 12 Oct 2025" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Edit diary entry: Pain Hustlers (2023)",
  );
  const editUrl = new URL(page.url()).pathname;
  expect(editUrl).toMatch(/^\/diary\/\d+\/edit$/);
  await expect(page.getByLabel("Date watched")).toHaveValue("2025-10-12");
  await expect(page.getByRole("radio", { name: "4 stars", exact: true })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Tags" })).toHaveValue("cinema");
  await expectNoSeriousA11yViolations(page);

  // a refused date keeps what was typed and writes nothing
  await page.getByLabel("Date watched").fill("1880-01-01");
  await page.getByRole("textbox", { name: "Tags" }).fill("with friends");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Date watched")).toHaveAccessibleDescription(
    "Films were first shown in 1888: enter a later date.",
  );
  await expect(page.getByRole("textbox", { name: "Tags" })).toHaveValue("with friends");

  await page.getByLabel("Date watched").fill("2025-08-03");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(diary);
  const august = page.getByRole("region", { name: "August 2025" });
  const moved = august.getByRole("listitem").filter({ hasText: "Pain Hustlers" });
  await expect(moved.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "with friends",
  ]);
  await expect(moved.getByRole("img", { name: "4 stars" })).toBeVisible();
  await expect(page.getByRole("region", { name: "October 2025" })).not.toContainText(
    "Pain Hustlers",
  );

  // delete the other entry, the confirmation answered by keyboard
  await page.getByRole("link", { name: "Edit entry for The Conference on 5 Oct 2025" }).click();
  await page.getByRole("button", { name: "Delete entry" }).focus();
  await page.keyboard.press("Enter");
  const question = page.getByRole("group", {
    name: "Delete your entry for The Conference on 5 Oct 2025?",
  });
  await expect(question.getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Delete entry" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await expect(question.getByRole("button", { name: "Yes, delete it" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(diary);
  await expect(page.getByTestId("diary-entries")).toContainText("Pain Hustlers");
  await expect(page.getByTestId("diary-entries")).not.toContainText("The Conference");
  await expect(page.getByRole("region", { name: "October 2025" })).toHaveCount(0);

  // an anonymous reader sees the entries but no Edit link, and the edit page asks them to sign in
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(diary);
  await expect(reader.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(reader.getByTestId("diary-entries")).toContainText("Pain Hustlers");
  await expect(reader.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await reader.goto(editUrl);
  await expect(reader).toHaveURL(/\/signin\?callbackUrl=/);
  await anonymous.close();

  // another signed-in viewer: no Edit link, and the edit address is refused like a missing one
  const other = uniqueUser("stranger");
  const strangers = await browser.newContext();
  const stranger = await strangers.newPage();
  await signUp(stranger, other);
  await stranger.goto(diary);
  await expect(stranger.getByRole("link", { name: `@${other.handle}` })).toBeVisible();
  await expect(stranger.getByTestId("diary-entries")).toContainText("Pain Hustlers");
  await expect(stranger.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await stranger.goto(editUrl);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Diary entry not found");
  await expect(stranger.getByText("There is no such entry in your diary.")).toBeVisible();
  await expect(stranger.locator("main")).not.toContainText("Pain Hustlers");
  await expect(stranger.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  const refusal = await stranger.locator("main").innerText();
  await expectNoSeriousA11yViolations(stranger);
  await stranger.goto("/diary/2147483000/edit");
  await expect(stranger.locator("main")).toHaveText(refusal, { useInnerText: true });
  await strangers.close();

  // the owner's diary is as they left it
  await page.reload();
  const entry = page
    .getByRole("region", { name: "August 2025" })
    .getByRole("listitem")
    .filter({ hasText: "Pain Hustlers" });
  await expect(entry.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "with friends",
  ]);
  await expect(page.getByRole("link", { name: /^Edit entry for/ })).toHaveCount(1);
});

import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signUp, test, uniqueUser } from "./fixtures";

test("a viewer logs a watch, keeps a watchlist, and makes the diary private", async ({
  page,
  browser,
}) => {
  // a long journey of sign-ups and saves on a busy two-core machine
  test.setTimeout(120_000);
  const viewer = uniqueUser("diarist");
  await signUp(page, viewer);

  // log a watch with 3.5 stars and a tag
  await page.goto("/films/pain-hustlers-2023");
  const actions = page.getByTestId("viewer-actions");
  await actions.getByRole("button", { name: "Log", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Log Pain Hustlers" });
  await dialog.getByLabel("Date watched").fill("2025-10-12");
  await dialog.getByRole("radio", { name: "3.5 stars" }).check();
  await expect(dialog.getByLabel("I've watched this before")).not.toBeChecked();
  await dialog.getByLabel("Tags").fill("late night, Late Night ,  조조할인");
  await dialog.getByRole("button", { name: "Save to diary" }).click();
  await expect(dialog).toBeHidden();
  await expect(actions.getByTestId("watched-state")).toHaveText("You watched this on 12 Oct 2025.");
  await expect(actions.getByRole("status")).toHaveText("Logged in your diary.");

  // a second log is pre-ticked as a rewatch
  await actions.getByRole("button", { name: "Log", exact: true }).click();
  await expect(dialog.getByLabel("I've watched this before")).toBeChecked();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // the diary: under October 2025, with the stars and the tags as typed (duplicate dropped)
  await page.goto(`/u/${viewer.handle}/diary`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${viewer.name}'s diary`);
  const october = page.getByRole("region", { name: "October 2025" });
  const entry = october.getByRole("listitem").filter({ hasText: "Pain Hustlers" });
  await expect(entry).toContainText("12");
  await expect(entry.getByRole("img", { name: "3.5 stars" })).toBeVisible();
  await expect(entry.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "late night",
    "조조할인",
  ]);
  await expect(page.getByRole("navigation", { name: "Profile" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // the profile counts it under 2025
  await page.goto(`/u/${viewer.handle}`);
  await expect(page.getByTestId("logs-by-year")).toContainText("2025");
  await expect(page.getByTestId("logs-by-year")).toContainText("1 film");

  // another film goes on the watchlist
  await page.goto("/films/the-conference-2023");
  const add = page.getByTestId("viewer-actions").getByRole("button", { name: "Add to watchlist" });
  await add.click();
  await expect(
    page.getByTestId("viewer-actions").getByRole("button", { name: "On your watchlist" }),
  ).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/u/${viewer.handle}/watchlist`);
  await expect(page.getByTestId("watchlist")).toContainText("The Conference");

  // an anonymous reader sees the public diary
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(`/u/${viewer.handle}/diary`);
  await expect(reader.getByTestId("diary-entries")).toContainText("Pain Hustlers");

  // "Only me" in the settings
  await page.goto("/settings");
  await page.getByLabel("Who can see your diary").selectOption({ label: "Only me" });
  await page.getByRole("button", { name: "Save privacy settings" }).click();
  await expect(page.getByRole("region", { name: "Privacy" }).getByRole("status")).toHaveText(
    "Your privacy settings are saved.",
  );
  await expectNoSeriousA11yViolations(page);

  // the owner still sees it (asked for by the browser with their session)…
  await page.goto(`/u/${viewer.handle}/diary`);
  await expect(page.getByTestId("diary-entries")).toContainText("Pain Hustlers");

  // …the anonymous reader no longer does, on the page or by asking the JSON route
  await reader.goto(`/u/${viewer.handle}/diary`);
  await expect(reader.getByText(`This diary is visible only to @${viewer.handle}.`)).toBeVisible();
  await expect(reader.getByText("Pain Hustlers")).toHaveCount(0);
  await reader.goto(`/u/${viewer.handle}/films`);
  await expect(
    reader.getByText(`These films are visible only to @${viewer.handle}.`),
  ).toBeVisible();
  await expect(reader.getByText("Pain Hustlers")).toHaveCount(0);
  await reader.goto(`/u/${viewer.handle}`);
  await expect(reader.getByTestId("logs-by-year")).toHaveCount(0);
  const forged = await reader.request.get(`/api/u/${viewer.handle}/diary`);
  expect(forged.status()).toBe(403);
  expect(forged.headers()["cache-control"]).toBe("private, no-store");
  expect(await forged.text()).not.toContain("Pain Hustlers");
  // the watchlist stays public
  await reader.goto(`/u/${viewer.handle}/watchlist`);
  await expect(reader.getByTestId("watchlist")).toContainText("The Conference");
  await anonymous.close();
});

test("signed-out readers are asked to sign in to log, and /settings sends them to sign in", async ({
  page,
}) => {
  await page.goto("/films/pain-hustlers-2023");
  await expect(page.getByRole("link", { name: "Sign in to log" })).toHaveAttribute(
    "href",
    "/signin?callbackUrl=%2Ffilms%2Fpain-hustlers-2023",
  );
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
});

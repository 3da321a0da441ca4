import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signInViaApi, test } from "./fixtures";

const EDITOR = { email: "editor@demo.reelrank.test", password: "reelrank-demo" };

test("an editor credits a film from the queue, readers see it with its source, a revert takes it back", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInViaApi(page.request, EDITOR);
  await page.goto("/edit");
  await expect(page.getByRole("heading", { name: "Editors' queue" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // the most charted film that has no director or cast yet
  const first = page
    .getByRole("region", { name: "Films to edit" })
    .getByRole("rowheader")
    .first()
    .getByRole("link");
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { name: `Edit ${title}` })).toBeVisible();
  const filmUrl = page.url().replace(/\/edit$/, "");
  const tag = Date.now().toString(36);

  const credits = page.getByRole("group", { name: "Credits" });
  const addNew = async (name: string, native: string, role: string) => {
    await credits.getByLabel("Name", { exact: true }).fill(name);
    await credits.getByLabel("Native name").fill(native);
    await credits.getByLabel("As").last().selectOption(role);
    await credits.getByRole("button", { name: "Add new person" }).click();
    await expect(credits.getByTestId("credits-list")).toContainText(name);
  };
  await addNew(`Kang Hye-jin ${tag}`, "강혜진", "director");
  await addNew(`Han Ji-woo ${tag}`, "한지우", "cast");
  // someone Reelrank knows already, found by the Hangul name and picked with the keyboard
  const search = credits.getByRole("combobox", { name: "Add a person" });
  await credits.getByLabel("As").first().selectOption("cast");
  await search.fill("전종서");
  await expect(credits.getByRole("option", { name: /Jeon Jong Seo/ })).toBeVisible();
  await search.press("ArrowDown");
  await search.press("ArrowUp");
  await search.press("Enter");
  await expect(credits.getByTestId("credits-list")).toContainText("Jeon Jong Seo");
  await credits.getByLabel(`Character played by Han Ji-woo ${tag}`).fill("The Keeper");
  // the second cast member goes first, by keyboard
  await credits.getByRole("button", { name: "Move Jeon Jong Seo up" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.goto(filmUrl);
  await expect(page.getByText(`Kang Hye-jin ${tag}`)).toBeVisible();
  await expect(page.getByText("강혜진")).toBeVisible();
  await expect(page.getByText("한지우")).toBeVisible();
  await page.getByText("Sources", { exact: true }).click();
  await expect(page.getByText("Director, writers and cast")).toBeVisible();

  await page.goto(`${filmUrl}/history`);
  const change = page.getByTestId("revision").first();
  await expect(change).toContainText("@jo_editor");
  await expect(change).toContainText(`Kang Hye-jin ${tag}`);
  await expectNoSeriousA11yViolations(page);
  await change.getByRole("button", { name: "Revert this change" }).click();
  // the history refreshes with the revert on top
  await expect(page.getByTestId("revision").first()).toContainText("reverts change");

  await page.goto(filmUrl);
  await expect(page.getByRole("main")).not.toContainText(`Kang Hye-jin ${tag}`);
});

test("readers and viewers get no editor's tools", async ({ page, request }) => {
  await page.goto("/films/ballerina-2023");
  await expect(page.getByRole("link", { name: "History" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit facts" })).toHaveCount(0);
  await page.goto("/films/ballerina-2023/edit");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  expect((await request.get("/api/people/search?q=kim")).status()).toBe(401);
});

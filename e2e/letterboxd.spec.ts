import { expect, test } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fs from "node:fs";
import { expectNoSeriousA11yViolations } from "./a11y";
import { signUp, uniqueUser } from "./fixtures";

/** A small Letterboxd export, made here as Letterboxd lays it out. */
function letterboxdZip(files: Record<string, string[][]>): Buffer {
  const csv = (rows: string[][]) =>
    rows
      .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","))
      .join("\n") + "\n";
  const entries = Object.entries(files).map(([name, rows]) => [
    `letterboxd-e2e/${name}`,
    strToU8(csv(rows)),
  ]);
  return Buffer.from(zipSync(Object.fromEntries(entries) as Record<string, Uint8Array>));
}

const EXPORT = letterboxdZip({
  "diary.csv": [
    ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"],
    ["2024-01-02", "Ballerina", "2023", "https://boxd.it/e1", "4.5", "", "", "2024-01-01"],
    ["2024-02-02", "The Quake", "2018", "https://boxd.it/e2", "3", "", "", "2024-02-01"],
  ],
  "ratings.csv": [
    ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
    ["2024-01-02", "Ballerina", "2023", "https://boxd.it/f1", "4.5"],
    ["2024-03-02", "Ballerina", "2020", "https://boxd.it/f2", "2"],
  ],
  "reviews.csv": [
    [
      "Date",
      "Name",
      "Year",
      "Letterboxd URI",
      "Rating",
      "Rewatch",
      "Review",
      "Tags",
      "Watched Date",
    ],
    [
      "2024-01-02",
      "Ballerina",
      "2023",
      "https://boxd.it/e1",
      "4.5",
      "",
      "<p>Jeon Jong-seo is <b>ferocious</b> &amp; precise.</p>",
      "",
      "2024-01-01",
    ],
  ],
  "watchlist.csv": [
    ["Date", "Name", "Year", "Letterboxd URI"],
    ["2024-04-01", "Nowhere", "2023", "https://boxd.it/f3"],
  ],
});

test("a new viewer imports a Letterboxd export, picks an unmatched film, and downloads their data", async ({
  page,
  request,
}) => {
  const viewer = uniqueUser("lbx");
  await signUp(page, viewer);
  await page.goto("/settings/import");
  await expectNoSeriousA11yViolations(page);

  // a file that is not an export is refused with a reason, and nothing starts
  const files = page.getByLabel("Letterboxd export (.zip, or its .csv files)");
  await files.setInputFiles({
    name: "diary.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Title,When\nBallerina,2024\n"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "expected columns" })).toContainText(
    "diary.csv: expected columns Date, Name, Year",
  );
  await expect(page).toHaveURL(/\/settings\/import$/);

  await files.setInputFiles({
    name: "letterboxd.zip",
    mimeType: "application/zip",
    buffer: EXPORT,
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/settings\/import\?job=\d+$/);
  const status = page.getByTestId("import-status");
  // progress while it runs, then the report: 6 rows in all
  await expect(status).toContainText(/Importing: \d of 6 rows|Done: 6 rows/);
  await expect(status).toContainText("Done: 6 rows gone through.");
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Films matched: 3. Not matched: 1");
  await expect(report.getByRole("row", { name: /^Diary entries/ })).toHaveText(
    /Diary entries\s*2\s*0/,
  );
  await expect(report.getByRole("row", { name: /^Reviews/ })).toHaveText(/Reviews\s*1\s*0/);
  await expect(report.getByRole("row", { name: /^Watchlist/ })).toHaveText(/Watchlist\s*1\s*0/);

  // "Ballerina (2020)" fits neither Ballerina: the viewer picks the 2016 one
  const pick = page.getByRole("group", { name: "Which film is “Ballerina (2020)”?" });
  await pick.getByLabel("Ballerina (2016)").check();
  await page.getByRole("button", { name: "Import to this film" }).click();
  await expect(page.getByText(/Ballerina \(2020\): imported to/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Ballerina (2016)" })).toBeVisible();

  // the imported review is theirs on the film's page, as plain text
  await page.goto("/films/ballerina-2023");
  await expect(page.getByTestId("your-review")).toContainText(
    "Jeon Jong-seo is ferocious & precise.",
  );

  // the export has their diary
  await page.goto("/settings/export");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download your data/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^reelrank-${viewer.handle}-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
  );
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const diary = strFromU8(zip["diary.csv"]!).trim().split("\n");
  expect(diary[0]).toBe("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date");
  expect(diary.slice(1).sort()).toEqual([
    expect.stringMatching(
      /^2024-01-02,Ballerina,2023,http[^,]+\/films\/ballerina-2023,4\.5,,,2024-01-01$/,
    ),
    expect.stringMatching(
      /^2024-02-02,The Quake,2018,http[^,]+\/films\/the-quake-2018,3,,,2024-02-01$/,
    ),
  ]);
  expect(strFromU8(zip["ratings.csv"]!)).toContain("Ballerina,2016");

  // without a session, the export and the imports answer 401
  expect((await request.get("/settings/export/download")).status()).toBe(401);
  expect((await request.get("/api/me/imports/1")).status()).toBe(401);
});

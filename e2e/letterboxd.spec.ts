import type { Page } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fs from "node:fs";
import http from "node:http";
import { expectNoSeriousA11yViolations } from "./a11y";
import { expect, signUp, test, uniqueUser } from "./fixtures";

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

/**
 * Posts a multipart upload of `size` bytes with the page's cookies, sent in chunks without a
 * Content-Length (as a client may): Playwright's own requests always state the length.
 */
function postInChunks(
  page: Page,
  path: string,
  size: number,
): Promise<{ status: number; body: string }> {
  return page
    .context()
    .cookies()
    .then(
      (cookies) =>
        new Promise((resolve, reject) => {
          const request = http.request(
            new URL(path, page.url()),
            {
              method: "POST",
              headers: {
                Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
                Accept: "application/json",
                "Content-Type": "multipart/form-data; boundary=e2e-boundary",
                "Transfer-Encoding": "chunked",
              },
            },
            (response) => {
              let body = "";
              response.setEncoding("utf8");
              response.on("data", (c: string) => (body += c));
              response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
            },
          );
          // the server may answer and close before the last chunk: the answer is what counts
          request.on("error", reject);
          request.write(
            "--e2e-boundary\r\n" +
              'Content-Disposition: form-data; name="files"; filename="letterboxd.zip"\r\n' +
              "Content-Type: application/zip\r\n\r\n",
          );
          const chunk = Buffer.alloc(1024 * 1024);
          let sent = 0;
          const pump = () => {
            while (sent < size) {
              sent += chunk.length;
              if (!request.write(chunk)) return void request.once("drain", pump);
            }
            request.end("\r\n--e2e-boundary--\r\n");
          };
          pump();
        }),
    );
}

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

  // an upload over the 20 MB limit is refused with a sentence, and starts nothing
  const oversized = await page.request.post("/api/me/imports", {
    headers: { Accept: "application/json" },
    multipart: {
      files: {
        name: "letterboxd.zip",
        mimeType: "application/zip",
        buffer: Buffer.alloc(21 * 1024 * 1024),
      },
    },
  });
  expect(oversized.status()).toBe(413);
  expect(oversized.headers()["cache-control"]).toBe("private, no-store");
  expect(await oversized.json()).toEqual({
    ok: false,
    error: "The upload is over the 20 MB limit. A Letterboxd export is usually well under 5 MB.",
    fieldErrors: {},
  });
  // …also when the body comes without a length, in chunks
  const chunked = await postInChunks(page, "/api/me/imports", 21 * 1024 * 1024);
  expect(chunked.status).toBe(413);
  expect(chunked.body).toContain("The upload is over the 20 MB limit.");
  // a file under the limit arrives whole and is read: this one is refused for what it is
  const underLimit = await page.request.post("/api/me/imports", {
    headers: { Accept: "application/json" },
    multipart: {
      files: {
        name: "letterboxd.zip",
        mimeType: "application/zip",
        buffer: Buffer.alloc(12 * 1024 * 1024, 1),
      },
    },
  });
  expect(underLimit.status()).toBe(400);
  expect(((await underLimit.json()) as { error: string }).error).toBe(
    "Nothing was imported. letterboxd.zip: this is not a zip file.",
  );
  await page.reload();
  await expect(page.getByRole("heading", { name: "Import from Letterboxd" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your imports" })).toHaveCount(0);

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

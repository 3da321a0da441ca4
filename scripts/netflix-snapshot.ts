/**
 * `npm run netflix:snapshot -- --global <all-weeks-global.tsv> --most-popular <most-popular.tsv>
 *   --retrieved <YYYY-MM-DD> --via <where the copies came from>
 *   [--engagement-retrieved <YYYY-MM-DD> --engagement-via <…>] <engagement workbook.xlsx>...`
 *
 * Writes the Netflix data the embedded database starts with into db/seed/netflix/: the global
 * weekly Top 10 history and the most-popular lists, gzipped as Netflix published them, and a
 * compact extract of the engagement reports (only the titles that have charted, the only ones
 * Reelrank has pages for), with a manifest naming each file's source, date and checksum.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { formatExtract } from "../lib/engagement/extract";
import { titleKeys, type EngagementKind, type EngagementReport } from "../lib/engagement/parse";
import { readEngagementFile } from "../lib/engagement/read-file";
import { formatInteger as n } from "../lib/format";
import { listBySlug } from "../lib/top10/lists";
import { normalizeTitle } from "../lib/top10/match";
import { parseTop10Tsv, type ParsedTop10File } from "../lib/top10/parse";
import {
  SNAPSHOT_DIR,
  type SnapshotFile,
  type SnapshotManifest,
} from "../db/seed/netflix-snapshot";

const USAGE =
  "usage: npm run netflix:snapshot -- --global <tsv> --most-popular <tsv> --retrieved <YYYY-MM-DD> --via <text> [--engagement-retrieved <YYYY-MM-DD> --engagement-via <text>] <workbook.xlsx>...";

/** Normalised titles that have charted, per kind. */
function chartedTitles(top10: ParsedTop10File): Record<EngagementKind, Set<string>> {
  const titles = { film: new Set<string>(), tv: new Set<string>() };
  for (const row of top10.rows) {
    const kind: EngagementKind =
      "category" in row ? (row.category === "films" ? "film" : "tv") : listBySlug(row.list)!.kind;
    titles[kind].add(normalizeTitle(row.showTitle));
    if (row.seasonTitle) titles[kind].add(normalizeTitle(row.seasonTitle));
  }
  return titles;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

async function writeGzip(name: string, text: string): Promise<number> {
  const gz = gzipSync(text, { level: 9 });
  await fs.writeFile(path.join(SNAPSHOT_DIR, name), gz);
  return gz.length;
}

async function main() {
  const { values, positionals } = parseArgs({
    options: {
      global: { type: "string" },
      "most-popular": { type: "string" },
      retrieved: { type: "string" },
      via: { type: "string" },
      "engagement-retrieved": { type: "string" },
      "engagement-via": { type: "string" },
    },
    allowPositionals: true,
  });
  const { global, retrieved, via } = values;
  const mostPopular = values["most-popular"];
  if (!global || !mostPopular || !retrieved || !via || positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  await fs.mkdir(SNAPSHOT_DIR, { recursive: true });
  const files: SnapshotFile[] = [];

  for (const [file, kind] of [
    [global, "global"],
    [mostPopular, "most-popular"],
  ] as const) {
    const text = await fs.readFile(file, "utf8");
    const parsed = parseTop10Tsv(path.basename(file), text);
    if (parsed.kind !== kind)
      throw new Error(`${file}: expected a ${kind} file, got ${parsed.kind}`);
    const weeks =
      "week" in (parsed.rows[0] ?? {})
        ? parsed.rows.map((r) => ("week" in r ? r.week : "")).sort()
        : [];
    const name = `${path.basename(file)}.gz`;
    const bytes = await writeGzip(name, text);
    files.push({
      name,
      kind,
      source: "Netflix Top 10 (netflix.com/tudum/top10)",
      urls: [`https://www.netflix.com/tudum/top10/data/${path.basename(file)}`],
      retrieved,
      via,
      sha256: sha256(text),
      rows: parsed.rows.length,
      ...(weeks.length ? { weeks: [weeks[0]!, weeks[weeks.length - 1]!] as [string, string] } : {}),
    });
    console.log(`${name}: ${n(parsed.rows.length)} rows, ${n(bytes)} bytes gzipped`);
  }

  const charted = chartedTitles(
    parseTop10Tsv(path.basename(global), await fs.readFile(global, "utf8")),
  );
  const reports: EngagementReport[] = [];
  for (const file of positionals) {
    const report = await readEngagementFile(file);
    if (reports.some((r) => r.period.id === report.period.id))
      throw new Error(`${path.basename(file)}: a second report for ${report.period.label}`);
    const kept = report.rows.filter((row) => titleKeys(row).some((k) => charted[row.kind].has(k)));
    console.log(`${report.period.label}: ${n(kept.length)} of ${n(report.rows.length)} rows kept`);
    reports.push({ period: report.period, rows: kept });
  }
  reports.sort((a, b) => a.period.start.localeCompare(b.period.start));
  const text = formatExtract(reports);
  const name = "engagement-titles.tsv.gz";
  const bytes = await writeGzip(name, text);
  files.push({
    name,
    kind: "engagement-extract",
    source: "Netflix, What We Watched: A Netflix Engagement Report",
    urls: [
      "https://about.netflix.com/en/news/what-we-watched-the-second-half-of-2023",
      "https://about.netflix.com/en/news/what-we-watched-the-first-half-of-2024",
    ],
    retrieved: values["engagement-retrieved"] ?? retrieved,
    via: values["engagement-via"] ?? via,
    sha256: sha256(text),
    rows: reports.reduce((s, r) => s + r.rows.length, 0),
    periods: reports.map((r) => r.period.id),
  });
  console.log(`${name}: ${n(files.at(-1)!.rows)} rows, ${n(bytes)} bytes gzipped`);

  const manifest: SnapshotManifest = { createdBy: "npm run netflix:snapshot", files };
  await fs.writeFile(
    path.join(SNAPSHOT_DIR, "manifest.json"),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

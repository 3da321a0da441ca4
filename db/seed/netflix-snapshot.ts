/**
 * The Netflix data the embedded database starts with (db/seed/netflix/, written by
 * `npm run netflix:snapshot`): the global weekly Top 10 history, the most-popular lists and an
 * extract of the engagement reports, imported through the same importers as any file.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseExtract } from "../../lib/engagement/extract";
import { parseTop10Tsv } from "../../lib/top10/parse";
import { importEngagement, type EngagementSummary } from "../import/engagement";
import { importTop10, type ImportSummary, type Progress } from "../import/top10";
import type { Database } from "../index";

export const SNAPSHOT_DIR = path.join(import.meta.dirname, "netflix");

export type SnapshotFile = {
  name: string;
  kind: "global" | "most-popular" | "engagement-extract";
  /** Who published the data, as readers should credit it. */
  source: string;
  urls: string[];
  /** The day the copy was taken from its source. */
  retrieved: string;
  /** Where the copy came from, when not straight from the publisher. */
  via: string;
  /** Of the uncompressed file. */
  sha256: string;
  rows: number;
  weeks?: [string, string];
  periods?: string[];
};
export type SnapshotManifest = { createdBy: string; files: SnapshotFile[] };

export async function readSnapshotManifest(): Promise<SnapshotManifest> {
  return JSON.parse(
    await fs.readFile(path.join(SNAPSHOT_DIR, "manifest.json"), "utf8"),
  ) as SnapshotManifest;
}

async function readText(file: SnapshotFile): Promise<string> {
  return gunzipSync(await fs.readFile(path.join(SNAPSHOT_DIR, file.name))).toString("utf8");
}

export type SnapshotSummary = { top10: ImportSummary[]; engagement: EngagementSummary[] };

/**
 * Imports the snapshot: the weekly lists first (they create the catalogue's titles), then the
 * most-popular lists, then the engagement facts. Each file is its own transaction and the whole
 * is idempotent, like any import.
 */
export async function importNetflixSnapshot(
  db: Database,
  { progress, log }: { progress?: Progress; log?: (line: string) => void } = {},
): Promise<SnapshotSummary> {
  const manifest = await readSnapshotManifest();
  const summary: SnapshotSummary = { top10: [], engagement: [] };
  const order = ["global", "most-popular", "engagement-extract"] as const;
  for (const kind of order) {
    for (const file of manifest.files.filter((f) => f.kind === kind)) {
      const text = await readText(file);
      const label = `${file.name.replace(/\.gz$/, "")} (snapshot of ${file.retrieved})`;
      log?.(`Importing ${label}…`);
      if (kind === "engagement-extract") {
        const reports = parseExtract(text, file.name);
        // A later report can settle an earlier one's namesakes (`The Mule (2018)`): go round
        // again until a round changes nothing, so that importing the snapshot twice changes nothing.
        for (let round = 1; round <= 3; round++) {
          let changed = false;
          for (const report of reports) {
            const s = await importEngagement(db, label, report);
            summary.engagement.push(s);
            changed ||= s.rowsAdded + s.rowsUpdated + s.filmsUpdated + s.seasonsUpdated > 0;
          }
          if (!changed) break;
        }
      } else {
        const parsed = parseTop10Tsv(file.name, text);
        summary.top10.push(await importTop10(db, label, parsed, progress));
      }
    }
  }
  return summary;
}

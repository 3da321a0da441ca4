/**
 * Reads an upload of a Letterboxd export: the .zip Letterboxd gives, or one or more of its .csv
 * files. Hostile input is refused before anything is parsed: an upload over the size limit,
 * a file that is neither a zip nor text, and a zip that inflates to more than it should (the
 * bytes actually inflated are counted, whatever the zip's headers claim).
 */
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { MAX_UPLOAD_BYTES } from "../limits";

/** What the CSV files read from a zip may inflate to, together. */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;
/** Entries a zip may hold (a real export has a few dozen, plus one per list). */
export const MAX_ZIP_ENTRIES = 2_000;
/** Inflated bytes per compressed byte past which a zip is a bomb (CSV text compresses ~5–10×). */
export const MAX_COMPRESSION_RATIO = 100;

export const LETTERBOXD_FILES = [
  "diary.csv",
  "ratings.csv",
  "reviews.csv",
  "watched.csv",
  "watchlist.csv",
] as const;
export type LetterboxdFile = (typeof LETTERBOXD_FILES)[number];

export class LetterboxdError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "LetterboxdError";
  }
}

export type UploadedFile = { name: string; bytes: Uint8Array };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const isZip = (b: Uint8Array) =>
  b.length >= 4 &&
  b[0] === 0x50 &&
  b[1] === 0x4b &&
  (b[2] === 3 || b[2] === 5) &&
  b[3] === b[2] + 1;

/** Strict UTF-8 text without NUL or other control bytes a CSV never has; null for binary. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // tab, line feed and carriage return are text; other C0 controls (NUL above all) are not
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return null;
  return text;
}

/** Folders of an export that hold what this importer leaves alone (deleted entries, lists, likes). */
const SKIPPED_FOLDERS = new Set(["deleted", "orphaned", "lists", "likes"]);

/**
 * The export's name of a zip entry this importer reads: `diary.csv`, or the same inside the one
 * folder an export may sit in (`letterboxd-x-2024/diary.csv`); null for anything else.
 */
function wantedPath(entry: string): LetterboxdFile | null {
  const parts = entry.split("/");
  const base = parts.at(-1)!.toLowerCase();
  if (!(LETTERBOXD_FILES as readonly string[]).includes(base)) return null;
  if (parts.length === 1) return base as LetterboxdFile;
  if (parts.length === 2 && !SKIPPED_FOLDERS.has(parts[0]!.toLowerCase()))
    return base as LetterboxdFile;
  return null;
}

/** Compressed bytes handed to the inflater at a time, so no one step inflates much at once. */
const PUSH_BYTES = 16 * 1024;

/**
 * The CSV files of a zip that this importer reads, inflated with the bytes counted as they come.
 * Other entries (profile, comments, lists, deleted/) are never inflated.
 */
export function unzipExport(name: string, zip: Uint8Array): Map<LetterboxdFile, string> {
  const out = new Map<LetterboxdFile, string>();
  let entries = 0;
  let inflated = 0;
  let compressed = 0;
  let refused: string | null = null;
  const started = new Set<LetterboxdFile>();
  const refuse = (why: string) => {
    refused ??= `${name}: ${why}`;
  };
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file: UnzipFile) => {
    if (refused) return;
    if (++entries > MAX_ZIP_ENTRIES) {
      refuse(
        `the zip holds more than ${MAX_ZIP_ENTRIES.toLocaleString("en-US")} files; a Letterboxd export has far fewer.`,
      );
      return;
    }
    const path = wantedPath(file.name);
    if (!path) return;
    if (out.has(path)) {
      refuse(`${path} is in the zip twice.`);
      return;
    }
    compressed += file.size ?? 0;
    started.add(path);
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (refused) return;
      if (error) {
        refuse(`${path} in this zip is damaged.`);
        return;
      }
      inflated += chunk.length;
      if (inflated > MAX_INFLATED_BYTES) {
        refuse(
          `its files inflate to more than ${megabytes(MAX_INFLATED_BYTES)}; a Letterboxd export is far smaller. Nothing was imported.`,
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (!final) return;
      const text = decodeText(concat(chunks));
      if (text == null) refuse(`${path} is not text; a Letterboxd export's files are CSV.`);
      else out.set(path, text);
    };
    file.start();
  };
  try {
    for (let at = 0; at < zip.length && !refused; at += PUSH_BYTES) {
      unzip.push(zip.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= zip.length);
    }
  } catch {
    refuse("this zip file is damaged and cannot be read.");
  }
  for (const path of started) if (!out.has(path)) refuse(`${path} in this zip is cut short.`);
  if (refused) throw new LetterboxdError([refused]);
  if (inflated > 1024 * 1024 && inflated > compressed * MAX_COMPRESSION_RATIO)
    throw new LetterboxdError([
      `${name}: its files inflate ${Math.round(inflated / Math.max(1, compressed))} times over; a Letterboxd export does not. Nothing was imported.`,
    ]);
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Every Letterboxd CSV of the upload by its name, or a LetterboxdError saying what is wrong:
 * a refused upload is refused whole.
 */
export function readUpload(files: UploadedFile[]): Map<LetterboxdFile, string> {
  if (files.length === 0)
    throw new LetterboxdError(["Choose your Letterboxd export (.zip) or its CSV files."]);
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES)
    throw new LetterboxdError([
      `The upload is ${megabytes(total)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)}. A Letterboxd export is usually well under 5 MB.`,
    ]);
  const out = new Map<LetterboxdFile, string>();
  const problems: string[] = [];
  const add = (path: LetterboxdFile, text: string, from: string) => {
    if (out.has(path)) problems.push(`${from}: ${path} was uploaded twice.`);
    else out.set(path, text);
  };
  for (const file of files) {
    const lower = file.name.toLowerCase();
    if (isZip(file.bytes)) {
      try {
        for (const [path, text] of unzipExport(file.name, file.bytes)) add(path, text, file.name);
      } catch (error) {
        if (error instanceof LetterboxdError) problems.push(...error.problems);
        else throw error;
      }
      continue;
    }
    if (lower.endsWith(".zip")) {
      problems.push(`${file.name}: this is not a zip file.`);
      continue;
    }
    if (!lower.endsWith(".csv")) {
      problems.push(`${file.name}: not a .zip or .csv file; upload the .zip Letterboxd gave you.`);
      continue;
    }
    const base = lower.split(/[\\/]/).pop()!;
    if (!(LETTERBOXD_FILES as readonly string[]).includes(base)) {
      problems.push(
        `${file.name}: not one of the files this import reads (${LETTERBOXD_FILES.join(", ")}).`,
      );
      continue;
    }
    const text = decodeText(file.bytes);
    if (text == null) {
      problems.push(`${file.name}: this is not a text file; a Letterboxd CSV is plain text.`);
      continue;
    }
    add(base as LetterboxdFile, text, file.name);
  }
  if (problems.length) throw new LetterboxdError(problems);
  if (out.size === 0)
    throw new LetterboxdError([
      `No ${LETTERBOXD_FILES.join(", ")} in the upload; this doesn't look like a Letterboxd export.`,
    ]);
  return out;
}

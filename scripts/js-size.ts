/**
 * First-load JavaScript per page, as a browser gets it: the scripts each page's HTML references
 * (`<script src>`), each gzipped, summed. Also the HTML itself (raw and gzipped) and how much of it
 * is the RSC payload (`self.__next_f.push` scripts), and whether any chunk carries the validation
 * library (zod), which only the server should need.
 *
 *   npm run build && npx tsx scripts/js-size.ts [--base http://127.0.0.1:3000] [path ...]
 *
 * Without --base it starts the production server on a fresh seeded embedded database
 * (scripts/e2e-server.ts) on JS_SIZE_PORT (default 3210) and stops it at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const DEFAULT_PATHS = [
  "/about",
  "/films/ballerina-2023",
  "/charts",
  "/charts/2023-10-15/films-non-english",
  "/",
  "/films",
  "/people/lee-chung-hyun",
];
/** Strings only zod's own code contains, minified or not. */
const ZOD_SIGNATURES = ["ZodError", "$ZodType", "ZodObject"];

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gzipped = (text: string) => gzipSync(Buffer.from(text)).length;

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * `src` of every `<script>` element in the HTML, in order, without repeats; `noModule` scripts
 * (polyfills for old browsers) are left out, since the browsers Next supports never load them.
 */
export function scriptSources(html: string): string[] {
  const sources = [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .flatMap((tag) => {
      const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
      return src ? [src.replace(/&amp;/g, "&")] : [];
    });
  return [...new Set(sources)];
}

/** The RSC payload inlined in the HTML: the text of its `self.__next_f.push(...)` scripts. */
export function flightBytes(html: string): number {
  let total = 0;
  for (const m of html.matchAll(/<script>(self\.__next_f\.push\([\s\S]*?)<\/script>/g))
    total += Buffer.byteLength(m[1]!);
  return total;
}

async function main() {
  let base: string | undefined;
  const given: string[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--base") base = args[++i];
    else given.push(args[i]!);
  }
  const pages = given.length ? given : DEFAULT_PATHS;

  let server: ChildProcess | null = null;
  if (!base) {
    const port = Number(process.env.JS_SIZE_PORT ?? 3210);
    base = `http://127.0.0.1:${port}`;
    server = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/e2e-server.ts")],
      {
        cwd: root,
        env: { ...process.env, PORT: String(port) },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await waitFor(`${base}/api/health`, 300_000);
  }

  try {
    const chunkCache = new Map<string, { gzip: number; zod: boolean }>();
    const chunk = async (src: string) => {
      const known = chunkCache.get(src);
      if (known) return known;
      const response = await fetch(new URL(src, base));
      if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
      const text = await response.text();
      const info = { gzip: gzipped(text), zod: ZOD_SIGNATURES.some((s) => text.includes(s)) };
      chunkCache.set(src, info);
      return info;
    };

    console.log(
      `${"page".padEnd(40)} ${"JS gz KB".padStart(9)} ${"chunks".padStart(6)} ${"HTML KB".padStart(8)} ${"HTML gz".padStart(8)} ${"RSC KB".padStart(7)}  zod`,
    );
    let zodAnywhere = false;
    for (const page of pages) {
      const response = await fetch(new URL(page, base));
      const html = await response.text();
      if (!response.ok) {
        console.log(`${page.padEnd(40)} HTTP ${response.status}`);
        continue;
      }
      const sources = scriptSources(html);
      const chunks = await Promise.all(sources.map(chunk));
      const js = chunks.reduce((sum, c) => sum + c.gzip, 0);
      const zodChunks = sources.filter((_, i) => chunks[i]!.zod);
      zodAnywhere ||= zodChunks.length > 0;
      console.log(
        `${page.padEnd(40)} ${kb(js).padStart(9)} ${String(sources.length).padStart(6)} ` +
          `${kb(Buffer.byteLength(html)).padStart(8)} ${kb(gzipped(html)).padStart(8)} ` +
          `${kb(flightBytes(html)).padStart(7)}  ${zodChunks.length ? zodChunks.join(" ") : "no"}`,
      );
    }
    console.log(
      zodAnywhere
        ? "zod IS in the browser's first-load JavaScript"
        : "no zod in any page's first-load JavaScript",
    );
  } finally {
    server?.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The pages every reader shares are served from the cache: their server tree (the page, its
 * layouts and every module they import) must not read the request. One `cookies()`, `headers()`
 * or `auth()` in it makes the whole page pay per request (STYLE.md, "Caching is designed").
 * This follows the imports the way the bundler does, and stops where the server tree ends: at a
 * "use client" module (it runs in the browser and asks JSON routes for the reader's state) and at
 * packages. A "use server" module is followed too: a shared page has no reason to import one.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

const SHARED_PAGES = [
  "app/films/[slug]/page.tsx",
  "app/films/[slug]/chart/page.tsx",
  "app/films/[slug]/ratings/page.tsx",
  "app/u/[handle]/lists/[slug]/page.tsx",
];

/** What reads the request: these modules, or a call of `pageActor` (which calls `auth()`). */
const REQUEST_MODULES = [path.join(root, "auth.ts")];
const REQUEST_PACKAGES = ["next/headers"];
const REQUEST_CALLS = /\bpageActor\s*\(/;

const directive = (source: string, name: string) =>
  new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${name}["']`).test(source);

/** Specifiers of the imports, re-exports and dynamic imports that bring values. */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?["']([^"']+)["']/gm;
  for (const m of source.matchAll(pattern)) {
    if (m[2]) continue;
    const clause = /\{([^}]*)\}/.exec(m[0])?.[1];
    if (clause && !/default|\*/.test(m[0].split("{")[0]!)) {
      const names = clause
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    }
    specifiers.push(m[3]!);
  }
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.push(m[1]!);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The layouts above a page, root first, and the page itself. */
function serverEntries(page: string): string[] {
  const entries: string[] = [];
  let dir = path.dirname(path.join(root, page));
  for (;;) {
    const layout = path.join(dir, "layout.tsx");
    if (fs.existsSync(layout)) entries.unshift(layout);
    if (dir === path.join(root, "app")) break;
    dir = path.dirname(dir);
  }
  return [...entries, path.join(root, page)];
}

/** Each way the page's server tree reads the request, as the chain of files that leads to it. */
function requestReads(page: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const rel = (file: string) => path.relative(root, file);
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, rel(file)];
    if (REQUEST_MODULES.includes(file)) {
      found.push(here.join(" → "));
      return;
    }
    const source = fs.readFileSync(file, "utf8");
    if (chain.length > 0 && directive(source, "use client")) return;
    if (REQUEST_CALLS.test(source)) found.push(`${here.join(" → ")} calls pageActor()`);
    for (const specifier of valueImports(source)) {
      const local = resolveLocal(file, specifier);
      if (local) walk(local, here);
      else if (REQUEST_PACKAGES.includes(specifier))
        found.push(`${here.join(" → ")} → ${specifier}`);
    }
  };
  for (const entry of serverEntries(page)) walk(entry, []);
  return found;
}

describe("pages every reader shares", () => {
  it("finds the pages and the layouts above them", () => {
    for (const page of SHARED_PAGES) {
      expect(fs.existsSync(path.join(root, page)), page).toBe(true);
      expect(serverEntries(page)[0]).toBe(path.join(root, "app/layout.tsx"));
    }
  });

  it("sees a request read where there is one", () => {
    // the settings page is per reader: it reads the session
    expect(requestReads("app/settings/page.tsx")).not.toEqual([]);
  });

  it.each(SHARED_PAGES)("%s reads nothing of the request in its server tree", (page) => {
    expect(requestReads(page)).toEqual([]);
  });
});

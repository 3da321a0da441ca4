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
import { hasDirective, projectRoot, resolveLocal, valueImports } from "@/lib/module-graph";

const root = projectRoot;

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
    if (chain.length > 0 && hasDirective(source, "use client")) return;
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

/**
 * What the browser downloads: every module a "use client" component reaches through value imports
 * (type-only imports vanish, and a "use server" module becomes a reference to the server). None of
 * them may bring in a validation library: a form shows its limits from lib/limits.ts, and the
 * server validates.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasDirective, projectRoot, resolveLocal, valueImports } from "@/lib/module-graph";

const root = projectRoot;
const SERVER_ONLY_PACKAGES = ["zod", "drizzle-orm", "drizzle-zod", "pg", "@electric-sql/pglite"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** For each package a client module reaches, the chain of files that brings it in. */
function clientPackages(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const entries = ["app", "components", "lib"]
    .flatMap((dir) => sourceFiles(path.join(root, dir)))
    .filter((file) => hasDirective(fs.readFileSync(file, "utf8"), "use client"));
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    if (chain.length > 0 && hasDirective(source, "use server")) return;
    for (const specifier of valueImports(source)) {
      const local = resolveLocal(file, specifier);
      if (local) walk(local, [...chain, path.relative(root, file)]);
      else if (!specifier.startsWith(".") && !specifier.startsWith("@/") && !found.has(specifier))
        found.set(specifier, [...chain, path.relative(root, file)]);
    }
  };
  for (const entry of entries) walk(entry, []);
  return found;
}

describe("modules sent to the browser", () => {
  const packages = clientPackages();

  it("finds the client components and what they import", () => {
    expect(packages.has("react")).toBe(true);
    expect(packages.has("next-auth/react")).toBe(true);
  });

  it.each(SERVER_ONLY_PACKAGES)("no client component reaches %s", (name) => {
    expect(packages.get(name) ?? "not reached").toBe("not reached");
  });
});

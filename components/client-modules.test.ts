/**
 * What the browser downloads: every module a "use client" component reaches through value imports
 * (type-only imports vanish, and a "use server" module becomes a reference to the server). None of
 * them may bring in a validation library: a form shows its limits from lib/limits.ts, and the
 * server validates.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SERVER_ONLY_PACKAGES = ["zod", "drizzle-orm", "drizzle-zod", "pg", "@electric-sql/pglite"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const directive = (source: string, name: string) =>
  new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${name}["']`).test(source);

/** Specifiers of the imports and re-exports that bring values (not `import type`). */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?["']([^"']+)["']/gm;
  for (const m of source.matchAll(pattern)) {
    if (m[2]) continue;
    // `import { type A, type B } from` brings no value either
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
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** For each package a client module reaches, the chain of files that brings it in. */
function clientPackages(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const entries = ["app", "components", "lib"]
    .flatMap((dir) => sourceFiles(path.join(root, dir)))
    .filter((file) => directive(fs.readFileSync(file, "utf8"), "use client"));
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    if (chain.length > 0 && directive(source, "use server")) return;
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

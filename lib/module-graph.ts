/**
 * Reading the app's module graph from its sources, as the bundler follows it: for tests that check
 * what a client module or a shared page reaches. Node only.
 */
import fs from "node:fs";
import path from "node:path";

/** The project's root: where `@/` points. */
export const projectRoot = path.resolve(import.meta.dirname, "..");

/** Whether a module opens with the directive (`"use client"`, `"use server"`), after comments. */
export function hasDirective(source: string, name: string): boolean {
  return new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${name}["']`).test(source);
}

/**
 * Specifiers of the imports, re-exports and dynamic imports that bring values: `import type` and
 * `import { type A, type B }` vanish from the bundle.
 */
export function valueImports(source: string): string[] {
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

/** The file a relative or `@/` specifier names, or null for a package. */
export function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(projectRoot, specifier.slice(2))
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

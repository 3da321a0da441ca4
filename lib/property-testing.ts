/**
 * Inputs for property tests: random text and the hostile kinds that break real applications —
 * NUL bytes (which PostgreSQL refuses in text), lone surrogates (which a UTF-8 encoder silently
 * replaces), SQL and LIKE fragments, markup, right-to-left and zero-width characters, combining
 * marks, Hangul, a megabyte of text, and numbers and values of the wrong kind. Used by the
 * `*.property.test.ts` suites only; each one prints how many inputs it tried (`reportRuns`).
 */
import fc from "fast-check";

/** Pieces that have broken parsers, queries and pages somewhere. */
export const HOSTILE_FRAGMENTS = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDC00y",
  "\uD83D\uDE00",
  "'; drop table users; --",
  "' or '1'='1",
  '"',
  "%",
  "_",
  "\\",
  "\\%",
  "%_\\",
  "<script>alert(1)</script>",
  "</textarea>",
  "<img src=x onerror=alert(1)>",
  "&amp;",
  "\u202Eevil\u202C",
  "\u200B",
  "\u200D",
  "\uFEFF",
  "e\u0301\u0301\u0301",
  "Z\u0351\u0360\u0361\u035C",
  "이충현",
  "각",
  "전종서",
  "مرحبا",
  "\t",
  "\r\n",
  "\n",
  " ",
  "   ",
  "",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "0x10",
  "2.5",
  "-0",
  "9007199254740993",
  "$ACTION_ID_x",
  "__proto__",
  "constructor",
] as const;

/** A megabyte, give or take: far past every limit the app sets. */
export const HUGE = "a\u0000<\uD800'".repeat(200_000);

/** Any text, hostile more often than not; `maxLength` bounds the random part, not `HUGE`. */
export function hostileString({ huge = true, maxLength = 40 } = {}): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const mixed = fc
    .array(piece, { maxLength: Math.max(1, Math.ceil(maxLength / 6)) })
    .map((parts) => parts.join("").slice(0, maxLength * 2));
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 30, arbitrary: mixed },
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  ];
  if (huge) arbs.push({ weight: 1, arbitrary: fc.constant(HUGE) });
  return fc.oneof(...arbs);
}

/** Numbers that are wrong in every way a number can be, as numbers and as text. */
export function hostileNumber(): fc.Arbitrary<number | string> {
  const n = fc.oneof(
    fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -0,
      -1,
      0,
      0.5,
      1.25,
      2 ** 31,
      2 ** 53 + 2,
      1e21,
      1e308,
      Number.MIN_VALUE,
    ),
    fc.integer(),
    fc.double(),
  );
  return fc.oneof(
    n,
    n.map((x) => String(x)),
  );
}

/** A value of any kind a form, a query string or a JSON body could carry, hostile or not. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    { weight: 2, arbitrary: hostileNumber() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, undefined, true, false, [], {}, "on", "true"),
    },
    {
      weight: 1,
      arbitrary: fc.array(hostileString({ huge: false, maxLength: 10 }), { maxLength: 4 }),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** A string with a NUL or an unpaired surrogate: text PostgreSQL cannot keep exactly. */
export function unstorable(s: string): boolean {
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Every string inside a value (object keys' values, array items), for invariants over outputs. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === "object" && !(value instanceof Date))
    for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

const tried = new Map<string, number>();

/**
 * Each property's seed: fixed by its name, so a run is repeatable and a test fails or passes the
 * same way every time; `PROPERTY_SEED=<n>` shifts every seed, `PROPERTY_SEED=random` draws new
 * ones (fast-check prints the seed of a failure, to replay it).
 */
function seedFor(name: string): number | undefined {
  const shift = process.env.PROPERTY_SEED;
  if (shift === "random") return undefined;
  let h = Number(shift ?? 0) | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return h;
}

/**
 * `fc.assert`, with the number of inputs tried kept for `printRunSummary` (call it in
 * `afterAll`), so that a run shows how many inputs each property was tried with.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IRawProperty<Ts>,
  params: fc.Parameters<Ts> = {},
): Promise<void> {
  const details = await fc.check(property, { seed: seedFor(name), ...params });
  tried.set(name, (tried.get(name) ?? 0) + details.numRuns);
  if (!details.failed) return;
  const report = fc.defaultReportMessage(details) ?? `${name} failed`;
  const cause = details.errorInstance;
  if (cause instanceof Error) {
    cause.message = `${report}\n\n${cause.message}`;
    throw cause;
  }
  throw new Error(report);
}

export function printRunSummary(suite: string): void {
  const lines = [...tried].map(([name, n]) => `  ${String(n).padStart(6)}  ${name}`);
  console.log(`${suite}: inputs tried per property\n${lines.join("\n")}`);
  tried.clear();
}

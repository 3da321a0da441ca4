/**
 * Every zod schema that checks what people send, fed random and hostile input: `safeParse` never
 * throws, and whatever it accepts keeps the domain's promises (no text PostgreSQL cannot store,
 * ids that fit the integer columns, ratings in half stars, lengths within the limits, trimmed
 * where the schema trims).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_TAG_LENGTH, MAX_TAGS } from "./diary";
import {
  HANDLE_PATTERN,
  MAX_COMMENT_LENGTH,
  MAX_LIST_DESCRIPTION,
  MAX_LIST_NAME,
  MAX_LIST_NOTE,
  MAX_REVIEW_LENGTH,
  MAX_SEARCH_LENGTH,
} from "./limits";
import {
  checkProperty,
  hostileNumber,
  hostileString,
  hostileValue,
  printRunSummary,
  stringsIn,
  unstorable,
} from "./property-testing";

/**
 * The modules whose exported zod schemas validate the input of server actions and route
 * handlers. A module added here has every schema it exports tested below.
 */
import { outboxCursor } from "./account-validation";

const SCHEMA_MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  "lib/validation.ts": () => import("./validation"),
  "lib/search/query.ts": () => import("./search/query"),
  "lib/account-validation.ts": () => import("./account-validation"),
  "lib/account-validation-profile.ts": () => import("./account-validation-profile"),
};

/** Fields that hold a secret to hash, not text to store. */
const NOT_STORED = new Set(["password", "currentPassword", "newPassword"]);

const INT4_MAX = 2_147_483_647;
const today = () => new Date().toISOString().slice(0, 10);

/** Values for a field that are often valid, so that accepted input gets its invariants checked. */
function plausible(key: string, field: z.ZodType | undefined): fc.Arbitrary<unknown> {
  const options = (field as { options?: unknown } | undefined)?.options;
  if (Array.isArray(options) && options.every((o) => typeof o === "string"))
    return fc.constantFrom(...options);
  if (/(^|[a-z])(Id|id)$|^version$|^threshold$|^hours$/.test(key))
    return fc.oneof(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1 }).map(String),
      fc.constantFrom(2 ** 31 - 1, 2 ** 31, "9999999999"),
    );
  if (key === "filmIds") return fc.array(fc.integer({ min: 1, max: 500 })).map((a) => a.join(","));
  if (key === "rating")
    return fc.oneof(
      fc.integer({ min: 1, max: 10 }).map((h) => String(h / 2)),
      fc.constantFrom("", 3, 4.5),
    );
  if (key === "watchedOn" || key === "releaseDate")
    return fc.oneof(
      fc
        .date({ min: new Date("1900-01-01"), max: new Date(), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.constant(today()),
    );
  if (key === "handle") return fc.stringMatching(HANDLE_PATTERN);
  if (/Slug$/.test(key)) return fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  if (key === "email" || key === "newEmail") return fc.emailAddress();
  if (key === "token")
    return fc
      .base64String({ minLength: 44, maxLength: 44 })
      .map((b) => b.slice(0, 43).replace(/\+/g, "-").replace(/\//g, "_"));
  if (key === "content") return fc.constantFrom("remove", "keep", "", "all");
  if (key === "items")
    return fc.array(
      fc
        .tuple(fc.constantFrom("review", "comment"), fc.integer({ min: 1 }))
        .map(([t, id]) => `${t}:${id}`),
      { minLength: 1, maxLength: 3 },
    );
  if (key === "tags") return fc.array(fc.string({ maxLength: 12 })).map((t) => t.join(","));
  if (key === "credits")
    return fc
      .array(
        fc.record({
          personId: fc.integer({ min: 1 }),
          role: fc.constantFrom("director", "writer", "cast"),
          character: hostileString({ huge: false }),
        }),
        { maxLength: 3 },
      )
      .map((c) => JSON.stringify(c));
  if (/^(containsSpoilers|rewatch|ranked|isPrivate|locked|add|liked)$/.test(key))
    return fc.constantFrom("on", "true", true, "");
  if (key === "year") return fc.integer({ min: 1880, max: 2100 });
  if (key === "runtimeMinutes") return fc.oneof(fc.integer({ min: 1, max: 1000 }), hostileNumber());
  if (key === "originalLanguage") return fc.constantFrom("ko", "en", "KO ", "");
  if (key === "countries") return fc.constantFrom("KR, us", "", "GB");
  // text of every kind, most of it short enough to be accepted
  return fc.oneof(
    { weight: 1, arbitrary: hostileString() },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }) },
  );
}

/** An input object for a schema: each field plausible or hostile, some missing, some extra. */
function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  if (schema === outboxCursor)
    return fc.oneof(
      fc
        .tuple(
          fc.date({
            noInvalidDate: true,
            min: new Date("2000-01-01"),
            max: new Date("2100-01-01"),
          }),
          fc.integer({ min: 1 }),
        )
        .map(([d, id]) => `${d.toISOString().replace("Z", "000Z")}~${id}`),
      hostileString(),
    );
  if (!(schema instanceof z.ZodObject)) return fc.oneof(hostileValue(), hostileString());
  const shape = schema.shape as Record<string, z.ZodType>;
  const fields = Object.fromEntries(
    Object.keys(shape).map((k) => [
      k,
      fc.oneof(
        { weight: 6, arbitrary: plausible(k, shape[k]) },
        { weight: 1, arbitrary: hostileValue() },
      ),
    ]),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields) },
    { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: hostileValue() },
  );
}

type Check = (out: Record<string, unknown>) => void;

const trimmed = (v: unknown, max: number, min = 1) => {
  expect(typeof v).toBe("string");
  const s = v as string;
  expect(s).toBe(s.trim());
  expect(s.length).toBeGreaterThanOrEqual(min);
  expect(s.length).toBeLessThanOrEqual(max);
};
const halfStars = (v: unknown) => {
  expect(Number.isInteger(v)).toBe(true);
  expect(v as number).toBeGreaterThanOrEqual(1);
  expect(v as number).toBeLessThanOrEqual(10);
};
const reviewBody = (v: unknown) => {
  if (v === null) return;
  expect((v as string).length).toBeLessThanOrEqual(MAX_REVIEW_LENGTH);
  expect((v as string).trim()).not.toBe("");
};
const commentBody = (v: unknown) => {
  expect((v as string).trim()).not.toBe("");
  expect((v as string).length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
};
const optionalMax = (v: unknown, max: number) => {
  if (v == null) return;
  expect((v as string).length).toBeLessThanOrEqual(max);
};
const tagsOk = (v: unknown) => {
  const tags = v as string[];
  expect(tags.length).toBeLessThanOrEqual(MAX_TAGS);
  for (const t of tags) {
    expect(t).toBe(t.trim());
    expect(t).not.toBe("");
    expect([...t].length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
  }
};

/** What each schema promises beyond the checks every schema gets. */
const INVARIANTS: Record<string, Check> = {
  reviewInput: (o) => {
    halfStars(o.rating);
    reviewBody(o.body);
  },
  logInput: (o) => {
    if (o.rating !== null) halfStars(o.rating);
    reviewBody(o.body);
    tagsOk(o.tags);
    expect(o.watchedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  },
  editLogInput: (o) => {
    if (o.rating !== null) halfStars(o.rating);
    tagsOk(o.tags);
  },
  commentInput: (o) => commentBody(o.body),
  replyInput: (o) => commentBody(o.body),
  commentEditInput: (o) => commentBody(o.body),
  signUpInput: (o) => {
    trimmed(o.name, 60);
    expect(o.handle).toMatch(HANDLE_PATTERN);
    expect(o.email).toBe((o.email as string).trim().toLowerCase());
  },
  listCreateInput: (o) => {
    trimmed(o.name, MAX_LIST_NAME);
    optionalMax(o.description, MAX_LIST_DESCRIPTION);
  },
  listEditInput: (o) => {
    trimmed(o.name, MAX_LIST_NAME);
    optionalMax(o.description, MAX_LIST_DESCRIPTION);
  },
  listNoteInput: (o) => optionalMax(o.note, MAX_LIST_NOTE),
  filmEditInput: (o) => {
    trimmed(o.title, 300);
    if (o.year != null) expect(o.year as number).toBeGreaterThanOrEqual(1880);
    optionalMax(o.synopsis, 5000);
  },
  personInput: (o) => trimmed(o.name, 200),
  liftSanctionInput: (o) => trimmed(o.reason, 200),
  roleInput: (o) => trimmed(o.reason, 200),
  sanctionInput: (o) => {
    if (o.hours != null) expect(o.hours as number).toBeLessThanOrEqual(24 * 365);
  },
  searchQuery: (o) => {
    const q = o as unknown as string;
    expect(q.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
    expect(q).toBe(q.trim());
    expect(q).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  },
};

/** Integers that address a row: positive and within PostgreSQL's `integer`. */
function idsFit(value: unknown, key = ""): void {
  if (Array.isArray(value)) return value.forEach((v) => idsFit(v, key));
  if (value && typeof value === "object" && !(value instanceof Date) && !(value instanceof File)) {
    for (const [k, v] of Object.entries(value)) idsFit(v, k === "filmIds" ? "filmId" : k);
    return;
  }
  if (typeof value === "number" && /(^|[a-z])(Id|id)$|^version$/.test(key)) {
    expect(Number.isInteger(value), `${key} is a whole number`).toBe(true);
    expect(value, `${key} is positive`).toBeGreaterThan(0);
    expect(value, `${key} fits an integer column`).toBeLessThanOrEqual(INT4_MAX);
  }
}

const modules = await Promise.all(
  Object.entries(SCHEMA_MODULES).map(async ([file, load]) => [file, await load()] as const),
);
const schemas = modules.flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ file, name, schema })),
);

afterAll(() => printRunSummary(`zod schemas (${schemas.length} in ${modules.length} modules)`));

describe("input schemas, by property", () => {
  it("finds the schemas to test", () => {
    expect(schemas.map((s) => s.name)).toEqual(
      expect.arrayContaining(["reviewInput", "searchQuery"]),
    );
  });

  it.each(schemas)(
    "$file $name: never throws; what it accepts can be stored",
    async ({ name, schema }) => {
      let accepted = 0;
      await checkProperty(
        `${name}.safeParse`,
        fc.property(inputFor(schema), (input) => {
          const result = schema.safeParse(input);
          if (!result.success) {
            for (const issue of result.error.issues) expect(issue.message).toMatch(/\S/);
            return;
          }
          accepted++;
          const out = result.data as Record<string, unknown>;
          const stored =
            typeof out === "object" && out !== null
              ? Object.entries(out)
                  .filter(([k]) => !NOT_STORED.has(k))
                  .map(([, v]) => v)
              : [out];
          for (const s of stringsIn(stored))
            expect(unstorable(s), JSON.stringify(s.slice(0, 40))).toBe(false);
          idsFit(out);
          INVARIANTS[name]?.(out);
        }),
        { numRuns: 200 },
      );
      // a schema that accepts nothing would pass every check above without testing any
      if (!["importUploadInput", "syncInput"].includes(name)) expect(accepted).toBeGreaterThan(0);
    },
  );
});

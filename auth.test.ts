import { describe, expect, it } from "vitest";
import { authProviders, authSecret, githubEnabled } from "./auth";
import type { Database } from "./db/index";

const db = {} as Database; // providers only keep a reference; nothing is queried here

const ids = (env: Record<string, string>) =>
  authProviders(db, env).map((p) => (typeof p === "function" ? p().id : p.id));

describe("auth configuration", () => {
  it("offers GitHub only when both its id and secret are set", () => {
    expect(githubEnabled({})).toBe(false);
    expect(githubEnabled({ AUTH_GITHUB_ID: "id" })).toBe(false);
    expect(ids({})).toEqual(["credentials"]);
    expect(ids({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" })).toEqual([
      "credentials",
      "github",
    ]);
  });

  it("requires AUTH_SECRET in production on PostgreSQL, and uses it when given", () => {
    expect(() =>
      authSecret({ NODE_ENV: "production", DATABASE_URL: "postgres://db/reelrank" }),
    ).toThrow(/AUTH_SECRET must be set/);
    expect(
      authSecret({
        NODE_ENV: "production",
        DATABASE_URL: "postgres://db/reelrank",
        AUTH_SECRET: "s3cret",
      }),
    ).toBe("s3cret");
  });
});

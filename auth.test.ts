import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authProviders,
  authSecret,
  githubEnabled,
  reissueProof,
  sessionTokenCallback,
} from "./auth";
import type { Database, DatabaseHandle } from "./db/index";
import { users } from "./db/schema";
import { createTestDatabase, testEngines } from "./db/testing";

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

describe.each(testEngines())("session versions on %s", (engine) => {
  let handle: DatabaseHandle;
  const secret = "test-secret";
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function makeUser() {
    const [row] = await handle.db
      .insert(users)
      .values({ name: "Sam", handle: `sam_${engine}`, email: `sam@${engine}.example` })
      .returning({ id: users.id });
    return row!.id;
  }

  it("refuses a token whose version is older than the user's, or whose account is deleted", async () => {
    const userId = await makeUser();
    const jwt = sessionTokenCallback(handle.db, secret);
    const signedIn = await jwt({ token: {}, user: { id: userId, role: "viewer" } });
    expect(signedIn).toMatchObject({ sub: userId, sv: 0, handle: `sam_${engine}` });
    expect(await jwt({ token: { ...signedIn } })).toMatchObject({ sub: userId, sv: 0 });

    // a password change elsewhere
    await handle.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    expect(await jwt({ token: { ...signedIn } })).toBeNull();
    // the browser's own update() cannot revive it, with no proof or a forged one
    expect(await jwt({ token: { ...signedIn }, trigger: "update", session: {} })).toBeNull();
    const forged = { ...reissueProof("another secret", userId, 1), userId };
    expect(
      await jwt({ token: { ...signedIn }, trigger: "update", session: { reissue: forged } }),
    ).toBeNull();
    const stale = reissueProof(secret, userId, 1, Date.now() - 120_000);
    expect(
      await jwt({ token: { ...signedIn }, trigger: "update", session: { reissue: stale } }),
    ).toBeNull();
    // the session that made the change is re-issued by the server with a proof
    const reissued = await jwt({
      token: { ...signedIn },
      trigger: "update",
      session: { reissue: reissueProof(secret, userId, 1) },
    });
    expect(reissued).toMatchObject({ sub: userId, sv: 1 });
    expect(await jwt({ token: { ...reissued } })).toMatchObject({ sv: 1 });

    await handle.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, userId));
    expect(await jwt({ token: { ...reissued } })).toBeNull();
    expect(await jwt({ token: {}, user: { id: userId } })).toBeNull();
  });
});

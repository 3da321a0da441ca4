import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authProviders,
  authSecret,
  githubEnabled,
  reissueProof,
  sessionTokenCallback,
  signInProof,
} from "./auth";
import type { Database, DatabaseHandle } from "./db/index";
import { sanctions, users } from "./db/schema";
import { hashPassword } from "./db/queries/users";
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

  it("signs in on a proof from the server without the password, and on nothing else", async () => {
    const [row] = await handle.db
      .insert(users)
      .values({
        name: "Proof",
        handle: `proof_${engine}`,
        email: `proof@${engine}.example`,
        passwordHash: await hashPassword("correct horse battery"),
      })
      .returning({ id: users.id });
    const userId = row!.id;
    const credentials = authProviders(handle.db, {}, secret)[0] as unknown as {
      options: { authorize: (c: Record<string, unknown>) => Promise<{ id: string } | null> };
    };
    const authorize = (c: Record<string, unknown>) => credentials.options.authorize(c);
    const email = `proof@${engine}.example`;

    expect(await authorize({ email, proof: signInProof(secret, userId, 0) })).toMatchObject({
      id: userId,
      handle: `proof_${engine}`,
    });
    // forged, expired, for another version, or signed with another secret: no sign-in
    for (const proof of [
      signInProof("another secret", userId, 0),
      signInProof(secret, userId, 0, Date.now() - 60_000),
      signInProof(secret, userId, 1),
      `${userId}.0.99999999999.forged`,
      signInProof(secret, userId, 0) + ".extra",
    ])
      expect(await authorize({ email, proof })).toBeNull();
    // without a proof the password decides, as before
    expect(await authorize({ email, password: "wrong password!!" })).toBeNull();
    expect(await authorize({ email, password: "correct horse battery" })).toMatchObject({
      id: userId,
    });
    // providers made without the secret take no proof at all
    const noSecret = authProviders(handle.db, {})[0] as unknown as typeof credentials;
    expect(
      await noSecret.options.authorize({ email, proof: signInProof(secret, userId, 0) }),
    ).toBeNull();

    // a suspended account cannot sign in on a proof either
    await handle.db.insert(sanctions).values({
      userId,
      kind: "suspend",
      reason: "test",
      endsAt: new Date(Date.now() + 86_400_000),
    });
    expect(await authorize({ email, proof: signInProof(secret, userId, 0) })).toBeNull();
  });
});

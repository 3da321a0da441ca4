import { verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_EXPIRED } from "../../lib/account-messages";
import type { DatabaseHandle } from "../index";
import { accountTokens, users } from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import {
  confirmEmailChange,
  findUsableToken,
  hashToken,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
} from "./account-tokens";
import { createUser, getActor, type Actor } from "./users";

const ORIGIN = "http://reelrank.test";
const PASSWORD = "the old password";

/** The token in a mailed link's last path segment. */
function tokenOf(text: string | undefined): string {
  const match = /\/([A-Za-z0-9_-]{43})$/m.exec(text ?? "");
  if (!match?.[1]) throw new Error(`no link in ${text}`);
  return match[1];
}

describe.each(testEngines())("account mail links on %s", (engine) => {
  let handle: DatabaseHandle;
  let seq = 0;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  async function makeUser(): Promise<Actor & { email: string }> {
    const n = ++seq;
    const email = `Person.${n}@${engine}.Example`;
    const actor = await createUser(handle.db, {
      name: `Person ${n}`,
      handle: `acct_${engine.slice(0, 2)}_${n}`,
      email,
      password: PASSWORD,
    });
    return { ...actor, email };
  }

  const userRow = async (id: string) =>
    (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;
  const tokensOf = (id: string) =>
    handle.db.select().from(accountTokens).where(eq(accountTokens.userId, id));
  const ask = (email: string, ip: string | null = null) =>
    requestPasswordReset(handle.db, { email, ip, origin: ORIGIN });

  it("mails a one-hour link for a registered address, storing only the token's hash", async () => {
    const user = await makeUser();
    const answer = await ask(user.email.toUpperCase());
    expect(answer.mail).toMatchObject({
      to: user.email,
      subject: "Choose a new Reelrank password",
    });
    const token = tokenOf(answer.mail?.text);
    expect(answer.mail?.text).toContain(`${ORIGIN}/reset/${token}`);
    const [stored] = await tokensOf(user.id);
    expect(stored).toMatchObject({
      kind: "password_reset",
      tokenHash: hashToken(token),
      usedAt: null,
    });
    expect(stored!.tokenHash).not.toContain(token);
    const hours = (stored!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(0.98);
    expect(hours).toBeLessThanOrEqual(1);
  });

  it("answers an unknown address the same way and writes no token", async () => {
    const user = await makeUser();
    const known = await ask(user.email);
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(accountTokens);
    const unknown = await ask(`nobody.${engine}@nowhere.example`);
    expect(unknown.message).toBe(known.message);
    expect(unknown.mail).toBeNull();
    const after = await handle.db.select({ n: sql<number>`count(*)::int` }).from(accountTokens);
    expect(after).toEqual(before);
  });

  it("resets once: new password works, sessions end, the user's other links stop working", async () => {
    const user = await makeUser();
    const first = tokenOf((await ask(user.email)).mail?.text);
    const second = tokenOf((await ask(user.email)).mail?.text);
    const versionBefore = (await userRow(user.id)).sessionVersion;

    await resetPassword(handle.db, { token: second, password: "a brand new password" });

    const row = await userRow(user.id);
    expect(await verify(row.passwordHash!, "a brand new password")).toBe(true);
    expect(await verify(row.passwordHash!, PASSWORD)).toBe(false);
    expect(row.sessionVersion).toBe(versionBefore + 1);
    expect((await tokensOf(user.id)).every((t) => t.usedAt !== null)).toBe(true);

    await expect(
      resetPassword(handle.db, { token: second, password: "yet another password" }),
    ).rejects.toThrow(LINK_EXPIRED);
    await expect(
      resetPassword(handle.db, { token: first, password: "yet another password" }),
    ).rejects.toThrow(LINK_EXPIRED);
    const after = await userRow(user.id);
    expect(after.passwordHash).toBe(row.passwordHash);
    expect(after.sessionVersion).toBe(row.sessionVersion);
  });

  it("refuses an expired link and changes nothing", async () => {
    const user = await makeUser();
    const token = tokenOf((await ask(user.email)).mail?.text);
    expect(await findUsableToken(handle.db, { token, kind: "password_reset" })).not.toBeNull();
    await handle.db
      .update(accountTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountTokens.tokenHash, hashToken(token)));
    expect(await findUsableToken(handle.db, { token, kind: "password_reset" })).toBeNull();
    const before = await userRow(user.id);
    await expect(
      resetPassword(handle.db, { token, password: "a brand new password" }),
    ).rejects.toThrow(LINK_EXPIRED);
    expect(await userRow(user.id)).toEqual(before);
  });

  it("sends no link to a deleted account", async () => {
    const user = await makeUser();
    await handle.db
      .update(users)
      .set({ deletedAt: sql`now()` })
      .where(eq(users.id, user.id));
    expect((await ask(user.email)).mail).toBeNull();
    expect(await tokensOf(user.id)).toHaveLength(0);
  });

  it("limits requests per address and per network address, the same for unknown addresses", async () => {
    const user = await makeUser();
    for (let i = 0; i < 3; i++) await ask(user.email);
    await expect(ask(user.email)).rejects.toThrow(/^Too many requests for a new password/);
    expect(await tokensOf(user.id)).toHaveLength(3);

    const unknown = `ghost.${engine}@nowhere.example`;
    for (let i = 0; i < 3; i++) await ask(unknown);
    await expect(ask(unknown)).rejects.toThrow(/^Too many requests for a new password/);

    const ip = `203.0.113.${seq}`;
    for (let i = 0; i < 10; i++) await ask(`many.${i}.${engine}@nowhere.example`, ip);
    await expect(ask(`many.last.${engine}@nowhere.example`, ip)).rejects.toThrow(/Too many/);
    // another network is not held back
    expect((await ask(`many.last.${engine}@nowhere.example`, "198.51.100.1")).mail).toBeNull();
  });

  describe("email change", () => {
    const change = async (actor: Actor, newEmail: string, currentPassword = PASSWORD) =>
      requestEmailChange(handle.db, actor, { newEmail, currentPassword, origin: ORIGIN });

    it("mails the new address, and confirming sets it, ends sessions and tells the old one", async () => {
      const user = await makeUser();
      const newEmail = `moved.${seq}@${engine}.example`;
      const asked = await change(user, newEmail);
      expect(asked.mail.to).toBe(newEmail);
      const token = tokenOf(asked.mail.text);
      expect(asked.mail.text).toContain(`${ORIGIN}/settings/email/confirm/${token}`);
      // nothing changes before the link is opened
      expect((await userRow(user.id)).email).toBe(user.email);

      const done = await confirmEmailChange(handle.db, { token });
      expect(done.newEmail).toBe(newEmail);
      expect(done.notice).toMatchObject({
        to: user.email,
        subject: "Your Reelrank email was changed",
      });
      expect(done.notice.text).toContain(newEmail);
      const row = await userRow(user.id);
      expect(row.email).toBe(newEmail);
      expect(row.sessionVersion).toBe(1);

      await expect(confirmEmailChange(handle.db, { token })).rejects.toThrow(LINK_EXPIRED);
      expect((await userRow(user.id)).sessionVersion).toBe(1);
    });

    it("refuses an address another account uses, whatever its case", async () => {
      const [user, other] = [await makeUser(), await makeUser()];
      await expect(change(user, other.email.toUpperCase())).rejects.toMatchObject({
        message: "Another account uses that email address.",
        fieldErrors: { newEmail: "Another account uses that email address." },
      });
      expect(await tokensOf(user.id)).toHaveLength(0);
    });

    it("refuses a wrong current password and writes no token", async () => {
      const user = await makeUser();
      await expect(
        change(user, `fresh.${seq}@${engine}.example`, "not my password"),
      ).rejects.toMatchObject({
        fieldErrors: { currentPassword: "That is not your current password." },
      });
      expect(await tokensOf(user.id)).toHaveLength(0);
    });

    it("refuses to confirm an address taken since the request", async () => {
      const user = await makeUser();
      const wanted = `wanted.${seq}@${engine}.example`;
      const token = tokenOf((await change(user, wanted)).mail.text);
      await createUser(handle.db, {
        name: "Quicker",
        handle: `quick_${engine.slice(0, 2)}_${seq}`,
        email: wanted,
        password: PASSWORD,
      });
      await expect(confirmEmailChange(handle.db, { token })).rejects.toThrow(
        /Another account uses that email address/,
      );
      const row = await userRow(user.id);
      expect(row.email).toBe(user.email);
      expect(row.sessionVersion).toBe(0);
    });

    it("needs a signed-in user", async () => {
      await expect(
        requestEmailChange(handle.db, null, {
          newEmail: "x@y.example",
          currentPassword: PASSWORD,
          origin: ORIGIN,
        }),
      ).rejects.toThrow("Sign in to do that.");
      expect(await getActor(handle.db, { userId: "nobody" })).toBeNull();
    });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { blocks, follows, notifications, users } from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import { mayView, notify, relationBetween } from "./relations";

let seq = 0;

describe.each(testEngines())("follows, blocks and notifications on %s", (engine) => {
  let handle: DatabaseHandle;

  async function makeUser(): Promise<string> {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({ name: `R ${n}`, handle: `rel_${engine}_${n}`, email: `rel${n}@${engine}.example` })
      .returning({ id: users.id });
    return row!.id;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  it("lets a follower see a followers-only part and a stranger not", async () => {
    const [owner, fan, stranger] = [await makeUser(), await makeUser(), await makeUser()];
    await handle.db.insert(follows).values({ followerId: fan, followeeId: owner });
    const ask = (viewerId: string | null, audience: "everyone" | "followers" | "only_me") =>
      mayView(handle.db, { viewerId, ownerId: owner, audience });
    expect(await ask(fan, "followers")).toBe(true);
    expect(await ask(stranger, "followers")).toBe(false);
    expect(await ask(null, "followers")).toBe(false);
    expect(await ask(null, "everyone")).toBe(true);
    expect(await ask(fan, "only_me")).toBe(false);
    expect(await ask(owner, "only_me")).toBe(true);
  });

  it("hides everything from a blocked follower, whoever blocked whom", async () => {
    const [owner, fan] = [await makeUser(), await makeUser()];
    await handle.db.insert(follows).values({ followerId: fan, followeeId: owner });
    await handle.db.insert(blocks).values({ blockerId: fan, blockedId: owner });
    expect(await relationBetween(handle.db, { viewerId: fan, ownerId: owner })).toEqual({
      self: false,
      follower: true,
      blocked: true,
    });
    expect(await mayView(handle.db, { viewerId: fan, ownerId: owner, audience: "everyone" })).toBe(
      false,
    );
  });

  it("writes one notification per event, none for oneself and none from a blocked user", async () => {
    const [author, liker, blocked] = [await makeUser(), await makeUser(), await makeUser()];
    await handle.db.insert(blocks).values({ blockerId: author, blockedId: blocked });
    const event = (actorId: string) => ({
      userId: author,
      kind: "followed" as const,
      actorId,
      dedupeKey: `follow:${actorId}`,
    });
    expect(await notify(handle.db, event(liker))).toBe(true);
    expect(await notify(handle.db, event(liker))).toBe(false);
    expect(await notify(handle.db, event(author))).toBe(false);
    expect(await notify(handle.db, event(blocked))).toBe(false);
    const rows = await handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, author));
    expect(rows.map((r) => r.actorId)).toEqual([liker]);
  });
});

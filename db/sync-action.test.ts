import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../lib/action";
import { syncInput } from "../lib/validation";
import { dataHandlers } from "./actions";
import type { DatabaseHandle } from "./index";
import { getActor } from "./queries/users";
import { sanctions, users, type UserRole } from "./schema";
import { createTestDatabase } from "./testing";

describe("starting a Netflix sync", () => {
  let handle: DatabaseHandle;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    for (const role of ["viewer", "moderator", "admin"] as UserRole[]) {
      const [row] = await handle.db
        .insert(users)
        .values({ name: role, handle: `sync_${role}`, email: `${role}@sync.example`, role })
        .returning({ id: users.id });
      ids[role] = row!.id;
    }
    const [banned] = await handle.db
      .insert(users)
      .values({ name: "b", handle: "sync_banned", email: "b@sync.example", role: "admin" })
      .returning({ id: users.id });
    ids.bannedAdmin = banned!.id;
    await handle.db
      .insert(sanctions)
      .values({ userId: banned!.id, kind: "ban", reason: "test", startsAt: sql`now()` });
  });
  afterAll(async () => {
    await handle?.close();
  });

  function as(userId: string | null) {
    const starts: string[] = [];
    const action = createAction(
      {
        sessionUserId: () => Promise.resolve(userId),
        resolveActor: (id) => getActor(handle.db, { userId: id }),
        invalidate: () => {},
      },
      syncInput,
      dataHandlers((trigger) => {
        starts.push(trigger);
        return { started: true };
      }).checkNow,
    );
    return { action, starts };
  }

  it("lets an admin start one, named in the log by their handle", async () => {
    const { action, starts } = as(ids.admin!);
    expect(await action(null, {})).toMatchObject({ ok: true, data: { started: true } });
    expect(starts).toEqual(["admin:sync_admin"]);
  });

  it("refuses anyone else, and starts nothing", async () => {
    for (const who of [null, ids.viewer!, ids.moderator!, ids.bannedAdmin!]) {
      const { action, starts } = as(who);
      const result = await action(null, {});
      expect(result.ok, String(who)).toBe(false);
      expect(starts).toEqual([]);
    }
    const { action } = as(null);
    expect(await action(null, {})).toMatchObject({ ok: false, error: "Sign in to do that." });
  });

  it("refuses unexpected input", async () => {
    const { action, starts } = as(ids.admin!);
    expect((await action(null, { file: "../../etc/passwd" })).ok).toBe(false);
    expect(starts).toEqual([]);
  });
});

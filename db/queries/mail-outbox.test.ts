import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxCursor } from "../../lib/account-validation";
import type { DatabaseHandle } from "../index";
import { mailOutbox } from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import { listOutbox } from "./mail-outbox";

describe.each(testEngines())("the mail outbox on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    // 25 messages, several written in the same instant, as a burst of mail would be
    await handle.db.insert(mailOutbox).values(
      Array.from({ length: 25 }, (_, i) => ({
        toAddress: `to${i}@example.test`,
        subject: `Message ${i}`,
        textBody: `Body ${i}`,
        createdAt: sql`timestamptz '2026-01-01 00:00:00.123456+00' + make_interval(mins => ${Math.floor(i / 3)})`,
      })),
    );
  });
  afterAll(async () => handle?.close());

  it("pages newest first through every message once, across messages of the same instant", async () => {
    const first = await listOutbox(handle.db, { limit: 10 });
    expect(first.messages[0]?.subject).toBe("Message 24");
    const seen = [...first.messages];
    let next = first.next;
    while (next) {
      // the cursor survives the trip through the address bar
      const parsed = outboxCursor.parse(
        decodeURIComponent(encodeURIComponent(`${next.createdAt}~${next.id}`)),
      );
      const page = await listOutbox(handle.db, { before: parsed, limit: 10 });
      seen.push(...page.messages);
      next = page.next;
    }
    expect(seen.map((m) => m.subject)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Message ${24 - i}`),
    );
    expect(seen[0]).toMatchObject({ to: "to24@example.test", text: "Body 24" });
    expect(seen[0]?.createdAt).toBe("2026-01-01T00:08:00.123456Z");
  });
});

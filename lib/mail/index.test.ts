import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/index";
import { mailOutbox } from "../../db/schema";
import { createTestDatabase } from "../../db/testing";
import { OUTBOX_NOTICE, sendMail } from "./index";
import { passwordResetMail } from "./messages";

/** A local SMTP server that keeps what it is given; `refuse` answers the next N messages 451. */
function startSmtp() {
  const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse--;
          const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
          callback(error);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      });
    },
  });
  return {
    received,
    refuseNext: (n: number) => (refuse = n),
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("sendMail through SMTP", () => {
  const smtp = startSmtp();
  let env: Record<string, string>;

  beforeAll(async () => {
    const port = await smtp.listen();
    env = {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: "Reelrank Test <robot@reelrank.test>",
    };
  });
  afterAll(() => smtp.close());

  it("delivers the message with its From, To, Subject and link", async () => {
    const link = "https://reelrank.test/reset/abc";
    expect(await sendMail(passwordResetMail("viewer@example.test", link), { env })).toBe("smtp");
    const got = smtp.received.at(-1);
    expect(got?.envelopeTo).toEqual(["viewer@example.test"]);
    expect(got?.mail.from?.value).toEqual([
      { address: "robot@reelrank.test", name: "Reelrank Test" },
    ]);
    expect(got?.mail.to).toMatchObject({ value: [{ address: "viewer@example.test" }] });
    expect(got?.mail.subject).toBe("Choose a new Reelrank password");
    expect(got?.mail.text).toContain(link);
  });

  it("sends from the default address without MAIL_FROM, and retries a temporary refusal", async () => {
    const before = smtp.received.length;
    smtp.refuseNext(1);
    await sendMail(
      { to: "other@example.test", subject: "Hello", text: "Plain words" },
      { env: { SMTP_URL: env.SMTP_URL! } },
    );
    expect(smtp.received).toHaveLength(before + 1);
    expect(smtp.received.at(-1)?.mail.from?.value).toEqual([
      { address: "no-reply@localhost", name: "Reelrank" },
    ]);
  });

  it("fails when the server is gone, without writing to any outbox", async () => {
    await expect(
      sendMail(
        { to: "x@example.test", subject: "s", text: "t" },
        { env: { SMTP_URL: "smtp://127.0.0.1:1" } },
      ),
    ).rejects.toThrow();
  });
});

describe("sendMail without SMTP_URL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
  });
  afterAll(async () => handle?.close());

  it("writes the message to the outbox and says where to read it, once", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const mail = passwordResetMail("viewer@example.test", "http://localhost:3000/reset/xyz");
    expect(await sendMail(mail, { db: handle.db, env: {} })).toBe("outbox");
    await sendMail({ ...mail, subject: "Second" }, { db: handle.db, env: {} });
    const rows = await handle.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, "viewer@example.test"));
    expect(rows.map((r) => r.subject).sort()).toEqual(["Choose a new Reelrank password", "Second"]);
    expect(rows[0]?.textBody).toContain("http://localhost:3000/reset/xyz");
    expect(log.mock.calls.filter(([line]) => line === OUTBOX_NOTICE)).toHaveLength(1);
    log.mockRestore();
  });
});

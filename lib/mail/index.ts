/**
 * Outgoing mail. With SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`) messages go through
 * that server; without it (the embedded default) they are written to the `mail_outbox` table,
 * where an admin reads them at /admin/outbox.
 */
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type Executor } from "../../db/index";
import { mailOutbox } from "../../db/schema";

export type Mail = { to: string; subject: string; text: string; html?: string };

type Env = Record<string, string | undefined>;

export const DEFAULT_MAIL_FROM = "Reelrank <no-reply@localhost>";
export const OUTBOX_NOTICE =
  "[mail] no SMTP_URL: mail is written to the outbox, read it at /admin/outbox";

/** Attempts per message: a refused connection or a 4xx answer is often gone a moment later. */
const ATTEMPTS = 3;
const BACKOFF_MS = 500;

const state = globalThis as unknown as {
  reelrankMailTransport?: { url: string; transport: Transporter };
  reelrankMailOutboxNoticed?: boolean;
};

/** One transport per SMTP_URL, made on first use and reused (it keeps no connection open). */
function transportFor(url: string): Transporter {
  if (state.reelrankMailTransport?.url !== url) {
    state.reelrankMailTransport?.transport.close();
    state.reelrankMailTransport = {
      url,
      transport: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return state.reelrankMailTransport.transport;
}

/** Worth another try: no answer at all, or a temporary (4xx) refusal. Never a 5xx. */
function isTransient(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return code === undefined || (code >= 400 && code < 500);
}

export type SendOptions = {
  /** Where the outbox lives; the process-wide database when omitted. */
  db?: Executor;
  env?: Env;
};

/** Sends a message, or writes it to the outbox when no SMTP server is configured. */
export async function sendMail(
  mail: Mail,
  { db, env = process.env }: SendOptions = {},
): Promise<"smtp" | "outbox"> {
  const url = env.SMTP_URL?.trim();
  if (!url) {
    if (!state.reelrankMailOutboxNoticed) {
      state.reelrankMailOutboxNoticed = true;
      console.log(OUTBOX_NOTICE);
    }
    const target = db ?? (await getDb());
    await target.insert(mailOutbox).values({
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
    });
    return "outbox";
  }
  const transport = transportFor(url);
  const message = {
    from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await transport.sendMail(message);
      return "smtp";
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransient(error)) throw error;
      await new Promise((r) => setTimeout(r, BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

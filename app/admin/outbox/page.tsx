import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Fragment, Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { getDb } from "@/db/index";
import { listOutbox } from "@/db/queries/mail-outbox";
import { outboxCursor } from "@/lib/account-validation";
import { mailOrigin } from "@/lib/mail/origin";

export const metadata: Metadata = {
  title: "Mail outbox",
  description: "Mail written instead of sent while no SMTP server is configured.",
  robots: { index: false },
  // the messages hold working links: never send them on to another site
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admins only, per request: the messages hold working links for other people's accounts. */
export default function OutboxPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Mail outbox</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <Outbox searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Outbox({ searchParams }: Props) {
  const actor = await pageActor("/admin/outbox");
  if (actor.role !== "admin") return <p className="mt-4">Only admins can read the outbox.</p>;
  const raw = (await searchParams).before;
  const cursor = outboxCursor.safeParse(raw);
  const before = typeof raw === "string" && cursor.success ? cursor.data : null;
  const { messages, next } = await listOutbox(await getDb(), { before });
  const origin = mailOrigin(await headers());
  return (
    <>
      <p className="mt-2 max-w-prose text-sm text-zinc-700 dark:text-zinc-300">
        Without SMTP_URL, mail is written here instead of being sent. Newest first.
      </p>
      {messages.length === 0 ? (
        <p className="mt-4">{before ? "No older messages." : "No mail yet."}</p>
      ) : (
        <ol className="mt-4 flex flex-col gap-4">
          {messages.map((m) => (
            <li key={m.id}>
              <article
                aria-labelledby={`mail-${m.id}`}
                className="rounded border border-zinc-200 p-3 dark:border-zinc-800"
              >
                <h2 id={`mail-${m.id}`} className="font-semibold">
                  {m.subject}
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm">
                  <dt className="text-zinc-600 dark:text-zinc-400">To</dt>
                  <dd>{m.to}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Written</dt>
                  <dd>
                    <time dateTime={m.createdAt}>
                      {m.createdAt.slice(0, 10)} {m.createdAt.slice(11, 19)} UTC
                    </time>
                  </dd>
                </dl>
                <pre className="mt-2 font-sans text-sm break-words whitespace-pre-wrap">
                  <LinkedText text={m.text} origin={origin} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      {next ? (
        <p className="mt-4">
          <Link
            href={`/admin/outbox?before=${encodeURIComponent(`${next.createdAt}~${next.id}`)}`}
            className="underline"
          >
            Older messages
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** The text as written (React escapes it); only links to this site are made clickable. */
function LinkedText({ text, origin }: { text: string; origin: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts.map((part, i) => {
    if (i % 2 === 1) {
      let url: URL | null = null;
      try {
        url = new URL(part);
      } catch {
        url = null;
      }
      if (url?.origin === origin) {
        return (
          <a key={i} href={`${url.pathname}${url.search}`} className="underline">
            {part}
          </a>
        );
      }
    }
    return <Fragment key={i}>{part}</Fragment>;
  });
}

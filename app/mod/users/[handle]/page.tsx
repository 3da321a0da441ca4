import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { LiftSanctionForm, SanctionForm } from "@/components/mod-forms";
import { getDb } from "@/db/index";
import { getUserRecord } from "@/db/queries/moderation/reads";
import { reasonLabel } from "@/lib/moderation";

export const metadata: Metadata = {
  title: "User record",
  description: "A member's reports, sanctions and moderated content.",
  robots: { index: false },
};

type Props = { params: Promise<{ handle: string }> };

export default function UserRecordPage({ params }: Props) {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <Record params={params} />
    </Suspense>
  );
}

async function Record({ params }: Props) {
  const { handle } = await params;
  const actor = await pageActor(`/mod/users/${handle}`);
  if (actor.role !== "moderator" && actor.role !== "admin")
    return <p>Only moderators can see user records.</p>;
  const record = await getUserRecord(await getDb(), { handle });
  if (!record) notFound();
  const { user, reportsMade, reportsReceived } = record;
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">@{user.handle}</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        {user.name} · {user.role} · joined {user.createdAt.toISOString().slice(0, 10)}
      </p>
      <dl className="mt-4 grid max-w-xl grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="font-medium">Reports made</dt>
          <dd>
            {sum(reportsMade)} ({reportsMade.upheld ?? 0} upheld, {reportsMade.dismissed ?? 0}{" "}
            dismissed, {reportsMade.open ?? 0} open)
          </dd>
        </div>
        <div>
          <dt className="font-medium">Reports received</dt>
          <dd>
            {sum(reportsReceived)} ({reportsReceived.upheld ?? 0} upheld,{" "}
            {reportsReceived.dismissed ?? 0} dismissed, {reportsReceived.open ?? 0} open)
          </dd>
        </div>
      </dl>
      <section aria-labelledby="sanctions" className="mt-8">
        <h2 id="sanctions" className="text-xl font-semibold">
          Sanctions
        </h2>
        {record.sanctions.length === 0 ? <p className="mt-2">None.</p> : null}
        <ul className="mt-2 flex flex-col gap-2">
          {record.sanctions.map((s) => (
            <li
              key={s.id}
              className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
            >
              <strong>{s.kind}</strong> for {reasonLabel(s.reason)} from{" "}
              {s.startsAt.toISOString().slice(0, 16).replace("T", " ")}
              {s.endsAt
                ? ` until ${s.endsAt.toISOString().slice(0, 16).replace("T", " ")}`
                : ""}{" "}
              UTC
              {s.liftedAt ? ` · lifted ${s.liftedAt.toISOString().slice(0, 10)}` : null}
              {s.note ? <span className="block">{s.note}</span> : null}
              {!s.liftedAt && s.kind !== "warn" ? <LiftSanctionForm sanctionId={s.id} /> : null}
            </li>
          ))}
        </ul>
        <div className="mt-4">
          <SanctionForm handle={user.handle} />
        </div>
      </section>
    </>
  );
}

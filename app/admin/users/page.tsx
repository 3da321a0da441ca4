import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { RoleForm, ThresholdForm } from "@/components/mod-forms";
import { getDb } from "@/db/index";
import { findUsers } from "@/db/queries/moderation/reads";
import { getReportThreshold } from "@/db/queries/moderation/settings";

export const metadata: Metadata = {
  title: "Users and roles",
  description: "Find a Reelrank account and change its role.",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default function AdminUsersPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Users and roles</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <Users searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Users({ searchParams }: Props) {
  const actor = await pageActor("/admin/users");
  if (actor.role !== "admin")
    return <p className="mt-4">Only admins can manage users and roles.</p>;
  const q =
    typeof (await searchParams).q === "string" ? String((await searchParams).q).slice(0, 100) : "";
  const db = await getDb();
  const [found, threshold] = await Promise.all([
    findUsers(db, { query: q }),
    getReportThreshold(db),
  ]);
  return (
    <>
      <form method="get" className="mt-4 flex items-center gap-2 text-sm">
        <label htmlFor="user-search">Find users</label>
        <input
          id="user-search"
          name="q"
          defaultValue={q}
          className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700"
        >
          Search
        </button>
      </form>
      <div className="relative mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Users">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3">
                User
              </th>
              <th scope="col" className="py-2 pr-3">
                Email
              </th>
              <th scope="col" className="py-2">
                Role
              </th>
            </tr>
          </thead>
          <tbody>
            {found.map((u) => (
              <tr key={u.handle} className="border-b border-zinc-100 dark:border-zinc-900">
                <th scope="row" className="py-2 pr-3 font-normal">
                  <Link href={`/mod/users/${u.handle}`} className="underline">
                    @{u.handle}
                  </Link>{" "}
                  {u.name}
                </th>
                <td className="py-2 pr-3">{u.email}</td>
                <td className="py-2">
                  <RoleForm handle={u.handle} role={u.role} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="mt-8">
        <h2 className="text-lg font-semibold">Reporting</h2>
        <ThresholdForm threshold={threshold} />
      </section>
    </>
  );
}

"use client";
import Link from "next/link";
import { signOut, useSession } from "next-auth/react";
import { canEdit } from "@/lib/roles";

/** Sign-in state in the header, asked for by the browser so the page around it stays shared. */
export function UserMenu() {
  const { data, status } = useSession();
  if (status === "loading") return <div className="h-8 w-32" aria-hidden="true" />;
  if (!data?.user) {
    return (
      <div className="flex items-center gap-3 text-sm">
        <Link href="/signin" className="hover:underline">
          Sign in
        </Link>
        <Link
          href="/signup"
          className="rounded-full bg-brand-600 px-3 py-1 font-medium text-white no-underline hover:bg-brand-700"
        >
          Sign up
        </Link>
      </div>
    );
  }
  const role = data.user.role;
  return (
    <div className="flex items-center gap-3 text-sm">
      {canEdit(role) ? (
        <Link href="/edit" className="hover:underline">
          Edit
        </Link>
      ) : null}
      {role === "admin" ? (
        <Link href="/admin/data" className="hover:underline">
          Data
        </Link>
      ) : null}
      {role === "moderator" || role === "admin" ? (
        <Link href="/mod" className="hover:underline">
          Moderation
        </Link>
      ) : null}
      <Link href={`/u/${data.user.handle}`} className="font-medium hover:underline">
        @{data.user.handle}
      </Link>
      <Link href="/settings" className="hover:underline">
        Settings
      </Link>
      <button
        type="button"
        onClick={() => void signOut({ redirectTo: "/" })}
        className="hover:underline"
      >
        Sign out
      </button>
    </div>
  );
}

"use client";
import Link from "next/link";
import { useActionState } from "react";
import { confirmEmailChangeAction } from "@/app/settings/email-actions";
import { buttonClass, FormStatus } from "../ui/field";

/**
 * One button rather than confirming on load: mail scanners open links to check them, and a
 * visit alone must not change an account.
 */
export function EmailConfirmForm({ token, newEmail }: { token: string; newEmail: string }) {
  const [state, action, pending] = useActionState(confirmEmailChangeAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-2">
        <FormStatus message={state.message} />
        <p>
          <Link href="/signin" className="underline">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="flex max-w-md flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p>
        Use <strong>{newEmail}</strong> as the email of your account from now on. Every session will
        be signed out.
      </p>
      <FormStatus error={state && !state.ok ? state.error : null} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Confirm new email
        </button>
      </div>
    </form>
  );
}

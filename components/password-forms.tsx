"use client";
import Link from "next/link";
import { useActionState } from "react";
import { requestPasswordResetAction, resetPasswordAction } from "@/app/forgot/actions";
import { buttonClass, Field, FormStatus } from "./ui/field";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <FormStatus
        error={state && !state.ok && !errors.email ? state.error : null}
        message={state?.ok ? state.message : null}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        Send me a link
      </button>
      <p className="text-sm">
        Remembered it?{" "}
        <Link href="/signin" className="underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

/** The new password, sent with the link's token. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        error={errors.password}
        hint="At least 10 characters."
      />
      <FormStatus error={state && !state.ok && !errors.password ? state.error : null} />
      <button type="submit" className={buttonClass} disabled={pending}>
        Save new password
      </button>
      {state && !state.ok && !errors.password ? (
        <p className="text-sm">
          <Link href="/forgot" className="underline">
            Ask for a new link
          </Link>
        </p>
      ) : null}
    </form>
  );
}

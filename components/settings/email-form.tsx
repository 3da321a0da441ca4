"use client";
import { useActionState, useState } from "react";
import { requestEmailChangeAction } from "@/app/settings/email-actions";
import { buttonClass, Field, FormStatus } from "../ui/field";

/** Asks to use another address; nothing changes until the link mailed to it is opened. */
export function EmailForm() {
  const [state, action, pending] = useActionState(requestEmailChangeAction, null);
  // kept across a refused attempt; the password is typed again each time
  const [newEmail, setNewEmail] = useState("");
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-4 flex max-w-md flex-col gap-4" noValidate>
      <Field
        label="New email"
        name="newEmail"
        type="email"
        autoComplete="email"
        required
        value={newEmail}
        onChange={(e) => setNewEmail(e.target.value)}
        error={errors.newEmail}
      />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Change email
        </button>
      </div>
    </form>
  );
}

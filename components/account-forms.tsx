"use client";
import { useSession } from "next-auth/react";
import { useActionState, useEffect, useRef, useState } from "react";
import { changeHandleAction, changeNameAction } from "@/app/settings/account-actions";
import type { ActionResult } from "@/lib/action";
import { buttonClass, Field, FormStatus } from "./ui/field";

/** What the handle field tells people; the server checks the rules. */
const HANDLE_HINT =
  "3 to 20 letters, digits or underscores. Your old handle's links will lead here.";

function Status({ state }: { state: { ok: boolean; error?: string; message?: string } | null }) {
  return (
    <FormStatus
      error={state && !state.ok ? state.error : null}
      message={state?.ok ? state.message : null}
    />
  );
}

const FAILED: ActionResult<never> = {
  ok: false,
  error: "The change could not be sent. Check your connection and try again.",
  fieldErrors: {},
};

/**
 * A form posted to a route handler: the changes that replace the session cookie, which a server
 * action's re-render of this page would read as signed out (app/server-action.ts `routeAction`).
 */
function postTo<T>(url: string) {
  return async (_previous: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    try {
      const response = await fetch(url, { method: "POST", body: form });
      return (await response.json()) as ActionResult<T>;
    } catch {
      return FAILED;
    }
  };
}

const changePassword = postTo<Record<string, never>>("/api/me/password");
const deleteAccount = postTo<{ redirectTo: string }>("/api/me/account/delete");

/** Refreshes the session the header shows (name, handle) after a change that is saved. */
function useSessionRefresh(state: { ok: boolean } | null) {
  const { update } = useSession();
  const done = useRef<unknown>(null);
  useEffect(() => {
    if (!state?.ok || done.current === state) return;
    done.current = state;
    void update();
  }, [state, update]);
}

export function DisplayNameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(changeNameAction, null);
  const [value, setValue] = useState(name);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-3 flex max-w-md flex-col gap-3" noValidate>
      <Field
        label="Display name"
        name="name"
        id="account-name"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={60}
        autoComplete="nickname"
        required
        hint="Shown with your reviews, comments and lists."
        error={errors.name}
      />
      <Status state={state} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save display name
        </button>
      </div>
    </form>
  );
}

export function HandleForm({ handle }: { handle: string }) {
  const [state, action, pending] = useActionState(changeHandleAction, null);
  const [value, setValue] = useState(handle);
  useSessionRefresh(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-3 flex max-w-md flex-col gap-3" noValidate>
      <Field
        label="Handle"
        name="handle"
        id="account-handle"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={20}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint={HANDLE_HINT}
        error={errors.handle}
      />
      <Status state={state} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Change handle
        </button>
      </div>
    </form>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePassword, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-3 flex max-w-md flex-col gap-3" noValidate>
      <Field
        label="Current password"
        name="currentPassword"
        id="account-current-password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        id="account-new-password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        hint="At least 10 characters. Every other device you are signed in on will be signed out."
        error={errors.newPassword}
      />
      <Status state={state} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Change password
        </button>
      </div>
    </form>
  );
}

const CONTENT_CHOICES = [
  { value: "remove", label: "Remove my reviews and comments" },
  { value: "keep", label: "Keep them, shown as by a deleted user" },
] as const;

export function DeleteAccountForm() {
  const [state, action, pending] = useActionState(deleteAccount, null);
  // kept across a refused attempt (React resets a form after its action)
  const [content, setContent] = useState<string | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  useEffect(() => {
    // a full load: the header and every client part forget the session
    if (state?.ok) window.location.assign(state.data.redirectTo);
  }, [state]);
  return (
    <form action={action} className="mt-3 flex max-w-md flex-col gap-3" noValidate>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={errors.content ? "delete-content-error" : undefined}
      >
        <legend className="text-sm font-medium">Your reviews and comments</legend>
        {CONTENT_CHOICES.map((c) => (
          <label key={c.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="content"
              value={c.value}
              checked={content === c.value}
              onChange={() => setContent(c.value)}
              required
            />
            {c.label}
          </label>
        ))}
        {errors.content ? (
          <p id="delete-content-error" className="text-sm text-red-700 dark:text-red-400">
            {errors.content}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Current password"
        name="currentPassword"
        id="delete-current-password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <Status state={state} />
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          Delete my account
        </button>
      </div>
    </form>
  );
}

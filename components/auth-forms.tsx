"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useSession } from "next-auth/react";
import { useActionState, useEffect, useRef, useState, type ChangeEvent } from "react";
import { signInAction } from "@/app/signin/actions";
import { signUpAction } from "@/app/signup/actions";
import { PASSWORD_CHANGED, PASSWORD_CHANGED_NOTICE } from "@/lib/account-messages";
import { buttonClass, Field, FormStatus } from "./ui/field";

/**
 * Controlled values: React resets a form after its action runs, and a person who mistyped one
 * field should not have to type the others again.
 */
function useValues<K extends string>(...names: K[]) {
  const [values, setValues] = useState(
    () => Object.fromEntries(names.map((n) => [n, ""])) as Record<K, string>,
  );
  const bind = (name: K) => ({
    name,
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  return bind;
}

/**
 * After signing in or up: refresh the session the page shows, then go on, once per result.
 * `update` changes with every session change, so without the guard each refresh would start
 * another, and a `router.refresh()` of the sign-up page could overtake the navigation away.
 */
function useGoOnSuccess(state: { ok: boolean; data?: { redirectTo: string } } | null) {
  const { update } = useSession();
  const router = useRouter();
  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (!state?.ok || !state.data || handled.current === state) return;
    handled.current = state;
    const to = state.data.redirectTo;
    // `update` gives nothing while the page's first session read is still out: load afresh then
    void update().then(
      (session) => (session ? router.replace(to) : window.location.assign(to)),
      () => window.location.assign(to),
    );
  }, [state, update, router]);
}

export function SignInForm() {
  const params = useSearchParams();
  const [state, action, pending] = useActionState(signInAction, null);
  useGoOnSuccess(state);
  const bind = useValues("email", "password");
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <input type="hidden" name="redirectTo" value={params.get("callbackUrl") ?? "/"} />
      <Field
        label="Email"
        {...bind("email")}
        type="email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <Field
        label="Password"
        {...bind("password")}
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />

      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={params.get("notice") === PASSWORD_CHANGED_NOTICE ? PASSWORD_CHANGED : null}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        Sign in
      </button>
      <p className="text-sm">
        <Link href="/forgot" className="underline">
          Forgot your password?
        </Link>
      </p>
      <p className="text-sm">
        New here?{" "}
        <Link href="/signup" className="underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, null);
  useGoOnSuccess(state);
  const bind = useValues("name", "handle", "email", "password");
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <Field
        label="Display name"
        {...bind("name")}
        autoComplete="nickname"
        required
        maxLength={60}
        error={errors.name}
      />
      <Field
        label="Handle"
        {...bind("handle")}
        required
        autoCapitalize="none"
        error={errors.handle}
        hint="3 to 20 letters, digits or underscores; your page will be /u/handle."
      />
      <Field
        label="Email"
        {...bind("email")}
        type="email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <Field
        label="Password"
        {...bind("password")}
        type="password"
        autoComplete="new-password"

        required
        minLength={10}
        error={errors.password}
        hint="At least 10 characters."
      />
      <FormStatus error={state && !state.ok ? state.error : null} />
      <button type="submit" className={buttonClass} disabled={pending}>
        Create account
      </button>
      <p className="text-sm">
        Have an account?{" "}
        <Link href="/signin" className="underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

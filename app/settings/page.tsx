import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import {
  DeleteAccountForm,
  DisplayNameForm,
  HandleForm,
  PasswordForm,
} from "@/components/account-forms";
import { PrivacyForm } from "@/components/privacy-form";
import { EmailForm } from "@/components/settings/email-form";
import { getDb } from "@/db/index";
import { getAudiences } from "@/db/queries/diary";

export const metadata: Metadata = {
  title: "Settings",
  description:
    "Your name, handle and password; who can see your diary, watchlist and lists; import and export your data; deleting your account.",
  robots: { index: false },
};

/** Per reader by nature: rendered for each request, never cached. */
export default function SettingsPage() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
      <Suspense fallback={<p className="mt-4">Loading your settings…</p>}>
        <Settings />
      </Suspense>
    </>
  );
}

async function Settings() {
  const actor = await pageActor("/settings");
  const audiences = await getAudiences(await getDb(), { userId: actor.id });
  if (!audiences) return <p className="mt-4">Your account could not be found.</p>;
  return (
    <>
      <section aria-labelledby="name-heading" className="mt-6">
        <h2 id="name-heading" className="text-xl font-semibold">
          Display name
        </h2>
        <DisplayNameForm name={actor.name} />
      </section>
      <section aria-labelledby="handle-heading" className="mt-8">
        <h2 id="handle-heading" className="text-xl font-semibold">
          Handle
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Your profile lives at /u/{actor.handle}.
        </p>
        <HandleForm handle={actor.handle} />
      </section>
      <section aria-labelledby="email-heading" className="mt-8">
        <h2 id="email-heading" className="text-xl font-semibold">
          Email
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          We mail a link to the new address; your email changes when you open it, and every session
          is signed out.
        </p>
        <EmailForm />
      </section>
      <section aria-labelledby="password-heading" className="mt-8">
        <h2 id="password-heading" className="text-xl font-semibold">
          Password
        </h2>
        <PasswordForm />
      </section>
      <section aria-labelledby="privacy-heading" className="mt-8">
        <h2 id="privacy-heading" className="text-xl font-semibold">
          Privacy
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Your reviews and ratings are public. Choose who can see the rest of your profile; people
          you block never see it.
        </p>
        <PrivacyForm initial={audiences} handle={actor.handle} />
      </section>
      <section aria-labelledby="data-heading" className="mt-8">
        <h2 id="data-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <ul className="mt-2 flex flex-col gap-1">
          <li>
            <Link href="/settings/import">Import from Letterboxd</Link>
          </li>
          <li>
            <Link href="/settings/export">Export your data</Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="delete-heading" className="mt-8">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete account
        </h2>
        <div className="mt-2 max-w-prose rounded border border-red-700 p-3 text-sm">
          <p className="font-medium">This cannot be undone.</p>
          <p className="mt-1">
            Your diary, watchlist, lists, follows, likes and notifications are removed and you are
            signed out everywhere. Your reviews and comments are removed too, or kept and shown as
            by a deleted user, as you choose below. Your email and handle stay reserved for 30 days,
            then anyone may use them. <Link href="/settings/export">Export your data</Link> first if
            you want a copy.
          </p>
        </div>
        <DeleteAccountForm />
      </section>
    </>
  );
}

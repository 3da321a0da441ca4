import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { PrivacyForm } from "@/components/privacy-form";
import { EmailForm } from "@/components/settings/email-form";
import { getDb } from "@/db/index";
import { getAudiences } from "@/db/queries/diary";

export const metadata: Metadata = {
  title: "Settings",
  description: "Who can see your diary, watchlist and lists; import and export your data.",
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
      <section aria-labelledby="email-heading" className="mt-6">
        <h2 id="email-heading" className="text-xl font-semibold">
          Email
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          We mail a link to the new address; your email changes when you open it, and every session
          is signed out.
        </p>
        <EmailForm />
      </section>
      <section aria-labelledby="privacy-heading" className="mt-6">
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
    </>
  );
}

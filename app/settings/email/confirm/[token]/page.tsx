import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EmailConfirmForm } from "@/components/settings/email-confirm-form";
import { getDb } from "@/db/index";
import { findUsableToken } from "@/db/queries/account-tokens";
import { LINK_EXPIRED } from "@/lib/account-messages";
import { tokenInput } from "@/lib/account-validation";

export const metadata: Metadata = {
  title: "Confirm your new email",
  robots: { index: false },
  // the token is in the address: never send it on to another site
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

/** Per link, and a link changes state when used: rendered for each request, never cached. */
export default function ConfirmEmailPage({ params }: Props) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Confirm your new email</h1>
      <Suspense fallback={<p>Checking your link…</p>}>
        <ConfirmBody params={params} />
      </Suspense>
    </>
  );
}

async function ConfirmBody({ params }: Props) {
  const parsed = tokenInput.safeParse(await params);
  const usable = parsed.success
    ? await findUsableToken(await getDb(), { token: parsed.data.token, kind: "email_change" })
    : null;
  if (!parsed.success || !usable?.newEmail) {
    return (
      <p>
        {LINK_EXPIRED}{" "}
        <Link href="/settings" className="underline">
          Ask for the change again in your settings
        </Link>
        .
      </p>
    );
  }
  return <EmailConfirmForm token={parsed.data.token} newEmail={usable.newEmail} />;
}

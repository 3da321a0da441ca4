import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ResetPasswordForm } from "@/components/password-forms";
import { getDb } from "@/db/index";
import { findUsableToken } from "@/db/queries/account-tokens";
import { LINK_EXPIRED } from "@/lib/account-messages";
import { tokenInput } from "@/lib/account-validation";

export const metadata: Metadata = {
  title: "Choose a new password",
  robots: { index: false },
  // the token is in the address: never send it on to another site
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

/** Per link, and a link changes state when used: rendered for each request, never cached. */
export default function ResetPasswordPage({ params }: Props) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Choose a new password</h1>
      <Suspense fallback={<p>Checking your link…</p>}>
        <ResetBody params={params} />
      </Suspense>
    </>
  );
}

async function ResetBody({ params }: Props) {
  const parsed = tokenInput.safeParse(await params);
  const usable = parsed.success
    ? await findUsableToken(await getDb(), { token: parsed.data.token, kind: "password_reset" })
    : null;
  if (!parsed.success || !usable) {
    return (
      <p>
        {LINK_EXPIRED}{" "}
        <Link href="/forgot" className="underline">
          Ask for a new link
        </Link>
        .
      </p>
    );
  }
  return <ResetPasswordForm token={parsed.data.token} />;
}

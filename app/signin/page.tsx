import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth-forms";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to Reelrank to rate and review films.",
  alternates: { canonical: "/signin" },
  robots: { index: false },
};

export default function SignInPage() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Sign in</h1>
      <Suspense>
        <SignInForm />
      </Suspense>
    </>
  );
}

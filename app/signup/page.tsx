import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth-forms";

export const metadata: Metadata = {
  title: "Create an account",
  description: "Create a Reelrank account to rate and review films, like and comment on reviews.",
  alternates: { canonical: "/signup" },
  robots: { index: false },
};

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Create an account</h1>
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        Rate and review films, like and comment on reviews.
      </p>
      <SignUpForm />
    </>
  );
}

import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/password-forms";

export const metadata: Metadata = {
  title: "Forgot your password",
  description: "Get a link to choose a new Reelrank password.",
  robots: { index: false },
};

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Forgot your password</h1>
      <p className="mb-6 max-w-prose">
        Enter the email address of your account. We will mail it a link to choose a new password.
      </p>
      <ForgotPasswordForm />
    </>
  );
}

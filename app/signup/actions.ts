"use server";
import { updateTag } from "next/cache";
import { signIn } from "@/auth";
import { profilePageTags } from "@/db/account-actions";
import { getDb } from "@/db/index";
import { createUser } from "@/db/queries/users";
import type { ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { fieldErrors, signUpInput } from "@/lib/validation";

export async function signUpAction(
  _previous: ActionResult<{ redirectTo: string }> | null,
  form: FormData,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signUpInput.safeParse({
    name: form.get("name"),
    handle: form.get("handle"),
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: errors };
  }
  try {
    await createUser(await getDb(), parsed.data);
    // the handle's pages were cached as "not found" or as a redirect to whoever gave it up
    profilePageTags(parsed.data.handle).forEach((tag) => updateTag(tag));
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    console.error("sign-up failed:", error);
    return {
      ok: false,
      error: "Something went wrong on our side. Please try again.",
      fieldErrors: {},
    };
  }
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirect: false,
  });
  return { ok: true, data: { redirectTo: "/" } };
}

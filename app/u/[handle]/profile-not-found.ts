import "server-only";
import { notFound, permanentRedirect } from "next/navigation";
import { loadHandleRedirect } from "@/db/cached";

/**
 * No user has this handle: if someone gave it up, the same page under their new handle (a
 * permanent redirect, read from the cache like the page itself); otherwise not found.
 * `rest` is the path after `/u/<handle>`.
 */
export async function profileNotFound(handle: string, rest = ""): Promise<never> {
  const current = await loadHandleRedirect(handle);
  if (current) permanentRedirect(`/u/${current}${rest}`);
  notFound();
}

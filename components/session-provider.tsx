"use client";
import { SessionProvider as AuthSessionProvider } from "next-auth/react";
import type { ReactNode } from "react";

/** The reader's session, fetched by the browser after load: shared pages stay cacheable. */
export function SessionProvider({ children }: { children: ReactNode }) {
  return <AuthSessionProvider refetchOnWindowFocus={false}>{children}</AuthSessionProvider>;
}

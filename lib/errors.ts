/** Errors a user can act on, with a sentence for them; database details never reach the page. */
export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "rate_limited" | "busy";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notSignedIn = () => new AppError("unauthenticated", "Sign in to do that.");

/** Errors a user can act on: each maps to a status and a sentence; database details never reach the page. */
export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "rate_limited";

export const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

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

/** Names moderation uses, shared by the server and the forms. */
export const REPORT_REASONS = [
  { value: "spoiler", label: "Spoiler without warning" },
  { value: "spam", label: "Spam" },
  { value: "harassment", label: "Harassment or hate" },
  { value: "off_topic", label: "Off-topic" },
  { value: "illegal", label: "Illegal content" },
  { value: "other", label: "Other" },
] as const;
export type ReportReasonValue = (typeof REPORT_REASONS)[number]["value"];

/** Reasons a moderator picks for an action: the report reasons, and "no violation" for dismissals. */
export const MODERATION_REASONS = [
  ...REPORT_REASONS,
  { value: "no_violation", label: "No violation" },
] as const;
export type ModerationReasonValue = (typeof MODERATION_REASONS)[number]["value"];

export const MODERATION_ACTIONS = ["dismiss", "hide", "spoiler", "restore", "remove"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const ACTION_LABELS: Record<ModerationAction, string> = {
  dismiss: "Dismiss",
  hide: "Hide",
  spoiler: "Mark as spoiler",
  restore: "Restore",
  remove: "Remove",
};

export function reasonLabel(value: string | null | undefined): string {
  if (!value) return "";
  if (value === "reports") return "reported by several readers, pending review";
  return MODERATION_REASONS.find((r) => r.value === value)?.label.toLowerCase() ?? value;
}

export const DEFAULT_REPORT_THRESHOLD = 3;

/** A date and time as every moderation message shows it: `December 1, 2026 at 9:30 PM UTC`. */
export function moderationTime(iso: string): string {
  return `${new Date(iso).toLocaleString("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

/** What a user is told of a silence, suspension or ban on their account; `reason` is already in words. */
export function restrictionSentence(
  r: { kind: string; until: string | null },
  reason?: string,
): string {
  const until = r.until ? ` until ${moderationTime(r.until)}` : "";
  const why = reason ? ` for ${reason}` : "";
  if (r.kind === "silence")
    return `Your account is silenced${until}${why}: you can read, but not post, comment, like or report.`;
  if (r.kind === "suspend") return `Your account is suspended${until}${why}.`;
  return `Your account is banned${why}.`;
}

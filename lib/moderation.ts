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

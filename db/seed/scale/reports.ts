/** Reports: a few, on reviews and comments, never by their author; some already dismissed. */
import type { Catalogue } from "./catalogue";
import type { Comments } from "./comments";
import { DAY, iso, pickShare } from "./common";
import type { Likes } from "./likes";
import type { ScaleOptions } from "./options";
import type { Progress } from "./progress";
import { Alias, type Random } from "./random";
import type { Reviews } from "./reviews";
import { insertBatches, type Run } from "./sql";
import { makeText } from "./text";
import type { Users } from "./users";

const REASONS = ["spoiler", "spam", "harassment", "off_topic", "other"] as const;
const REASON_SHARE = [0.45, 0.2, 0.1, 0.15, 0.1];

export type Report = {
  type: "review" | "comment";
  target: number;
  targetUser: number;
  reporter: number;
  at: number;
};

export function generateReports(
  rng: Random,
  options: ScaleOptions,
  { end: END }: Catalogue,
  { joined, readerAlias }: Users,
  { reviewId, revUser, revAt }: Reviews,
  { likeWeight }: Likes,
  { C, comDeleted, comId, comU, comAt }: Comments,
): Report[] {
  const reports: Report[] = [];
  if (options.reports > 0) {
    const reviewAlias = new Alias(likeWeight);
    const seen = new Set<string>();
    for (
      let attempts = 0;
      reports.length < options.reports && attempts < options.reports * 10;
      attempts++
    ) {
      const onComment = C > 0 && rng.chance(0.2);
      const reporter = readerAlias.sample(rng);
      let report: Report;
      if (onComment) {
        const c = rng.int(C);
        if (comDeleted[c]) continue;
        report = {
          type: "comment",
          target: comId[c]!,
          targetUser: comU[c]!,
          reporter,
          at: comAt[c]!,
        };
      } else {
        const i = reviewAlias.sample(rng);
        report = {
          type: "review",
          target: reviewId[i]!,
          targetUser: revUser[i]!,
          reporter,
          at: revAt[i]!,
        };
      }
      const key = `${report.type}:${report.target}:${reporter}`;
      if (report.targetUser === reporter || seen.has(key)) continue;
      seen.add(key);
      report.at = Math.min(Math.max(report.at, joined[reporter]!) + rng.exponential(5 * DAY), END);
      reports.push(report);
    }
  }
  return reports;
}

export async function writeReports(
  run: Run,
  progress: Progress,
  rng: Random,
  { end: END }: Catalogue,
  { userId, userLang }: Users,
  reports: Report[],
) {
  await insertBatches(
    run,
    progress,
    "reports",
    `insert into reports (target_type, target_id, target_user_id, reporter_id, reason, note, status, created_at, resolved_at)
     select t::report_target, i, tu, u, r::report_reason, n, s::report_status, c, z
     from json_to_recordset($1::json) as x(t text, i int, tu text, u text, r text, n text, s text, c timestamptz, z timestamptz)`,
    reports.length,
    (p) => {
      const report = reports[p]!;
      const dismissed = rng.chance(0.15);
      return {
        t: report.type,
        i: report.target,
        tu: userId[report.targetUser],
        u: userId[report.reporter],
        r: pickShare(rng, REASONS, REASON_SHARE),
        n: rng.chance(0.3)
          ? makeText(rng, userLang[report.reporter]!, 4 + rng.int(12), 1000)
          : null,
        s: dismissed ? "dismissed" : "open",
        c: iso(report.at),
        z: dismissed ? iso(Math.min(report.at + rng.exponential(2 * DAY), END)) : null,
      };
    },
  );
}

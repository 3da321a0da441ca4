/** The benchmark's report: a plain aligned table, the targets and whether they were met. */
import type { Measurement } from "./load";

export type ScenarioResult = {
  key: string;
  name: string;
  path: string;
  measurement: Measurement;
  /** The server's CPU milliseconds (all its processes) per request served; null without /proc. */
  cpuMsPerRequest?: number | null;
  /** The size of one answer's body. */
  bytes?: number | null;
};

/** What one review costs the server, in milliseconds of CPU: means over reviews posted one by one. */
export type WriteCost = {
  reviews: number;
  /** The action: the write, and the page rendered again into its answer. */
  action: number;
  /** The next reader's request: the shared page rendered again, for every reader. */
  render: number;
  /** The request after it, served from the cache. */
  cached: number;
};

export type Visibility = {
  attempted: number;
  acknowledged: number;
  seen: number;
  /** Milliseconds from the action's answer to the first page that showed the review. */
  p50: number | null;
  p99: number | null;
  max: number | null;
  /** Milliseconds from sending the action to the first page that showed the review. */
  fromSend: { p50: number | null; p99: number | null };
  /** How long the action took to answer. */
  answer: { p50: number | null; p99: number | null };
  /**
   * Of the acknowledged reviews no poller saw, those the page rendered into their own action's
   * answer showed among the newest (the others were already pushed below them by newer reviews
   * when that render read the database).
   */
  unseenInOwnAnswer: number;
  /** Acknowledged reviews the page rendered into their own action's answer showed. */
  inOwnAnswer: number;
  /** Writes that answered with something other than success, with the first reason. */
  failed: number;
  firstFailure: string | null;
};

export type Target = { name: string; detail: string; met: boolean };

/** Pads each column to its widest cell; `right` columns (numbers) align on the right. */
export function formatTable(header: string[], rows: string[][], right: boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** `0.93×`; a dash when there is nothing to divide by. */
export function formatRatio(value: number, baseline: number): string {
  if (!(baseline > 0) || !Number.isFinite(value)) return "–";
  const ratio = value / baseline;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const kb = (bytes: number | null | undefined) => (bytes == null ? "–" : (bytes / 1024).toFixed(1));
const cpu = (v: number | null | undefined) => (v == null ? "–" : v.toFixed(2));

/**
 * One row per scenario. "CPU vs (1)" is the baseline's CPU per request over the scenario's: how
 * many of these the server could answer for each /about when its CPU, not the client, is the limit.
 */
export function scenarioTable(results: ScenarioResult[], baselineRps: number): string {
  const baselineCpu = results.find((r) => r.key === "baseline")?.cpuMsPerRequest ?? null;
  return formatTable(
    [
      "scenario",
      "path",
      "KB",
      "req/s",
      "p50 ms",
      "p99 ms",
      "errors",
      "vs (1)",
      "CPU ms/req",
      "CPU vs (1)",
    ],
    results.map((r) => [
      r.name,
      r.path,
      kb(r.bytes),
      r.measurement.rps.toFixed(0),
      String(r.measurement.p50),
      String(r.measurement.p99),
      String(r.measurement.errors),
      formatRatio(r.measurement.rps, baselineRps),
      cpu(r.cpuMsPerRequest),
      baselineCpu != null && r.cpuMsPerRequest ? formatRatio(baselineCpu, r.cpuMsPerRequest) : "–",
    ]),
    [false, false, true, true, true, true, true, true, true, true],
  );
}

const ms = (v: number | null) => (v == null ? "–" : `${Math.round(v)} ms`);

export function visibilityLine(
  v: Visibility,
  label = "reviews posted through postReviewAction",
): string {
  return (
    `${label}: ${v.attempted} sent, ${v.acknowledged} acknowledged, ` +
    `${v.seen} seen on the page.\n` +
    ownAnswerLine(v) +
    `  after the action answered: p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, max ${ms(v.max)}; ` +
    `after it was sent: p50 ${ms(v.fromSend.p50)}, p99 ${ms(v.fromSend.p99)}; ` +
    `the action's own answer: p50 ${ms(v.answer.p50)}, p99 ${ms(v.answer.p99)}` +
    (v.failed ? `; ${v.failed} failed (${v.firstFailure})` : "")
  );
}

/** What a review costs the server, and what `rate` of them a second add up to. */
export function writeCostLine(cost: WriteCost, rate: number): string {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  const perSecond = (cost.action + cost.render) * rate;
  return (
    `one review on the idle server (means of ${cost.reviews}, server CPU): the action ${f(cost.action)} ` +
    `(its answer carries the page rendered again), the next reader's request ${f(cost.render)} ` +
    `(the shared page rendered again), a cached page ${f(cost.cached)}; at ${rate} reviews/s ` +
    `that is ${perSecond.toFixed(0)} ms of CPU each second`
  );
}

/**
 * Unseen reviews that ten newer ones had already pushed below the page's newest by the time the
 * page was rendered into their own answer (which reads what the action wrote: updateTag): on no
 * page rendered after them were they among the newest; they are in "More reviews". None when no
 * answer carried the page at all (no review was in its own), for then the answers prove nothing.
 */
function pushedBelow(v: Visibility): number {
  return v.inOwnAnswer > 0 ? v.acknowledged - v.seen - v.unseenInOwnAnswer : 0;
}

function ownAnswerLine(v: Visibility): string {
  const unseen = v.acknowledged - v.seen;
  const were = (n: number) => `${n} ${n === 1 ? "was" : "were"}`;
  return (
    `  ${v.inOwnAnswer} of ${v.acknowledged} were among the newest on the page rendered into ` +
    "their own answer" +
    (unseen > 0 && v.inOwnAnswer > 0
      ? `; of the ${unseen} not seen, ${were(pushedBelow(v))} not even there ` +
        `(pushed below by newer reviews before it was rendered), ${were(v.unseenInOwnAnswer)} ` +
        "there but on no page the poller loaded"
      : "") +
    "\n"
  );
}

/** The performance targets, judged on the measured figures. */
export function judgeTargets(
  results: ScenarioResult[],
  baselineRps: number,
  visibility: Visibility | null,
  /** The same writes with the readers held at half the film page's measured rate. */
  pacedVisibility: Visibility | null = null,
): Target[] {
  const by = (key: string) => results.find((r) => r.key === key)?.measurement;
  const targets: Target[] = [];
  const film = by("film");
  if (film) {
    targets.push({
      name: "film page ≥ 0.7× baseline, p99 ≤ 100 ms",
      detail: `${formatRatio(film.rps, baselineRps)}, p99 ${film.p99} ms`,
      met: film.rps >= 0.7 * baselineRps && film.p99 <= 100 && film.errors === 0,
    });
  }
  for (const [key, label] of [
    ["charts", "/charts"],
    ["api-film", "JSON API"],
  ] as const) {
    const m = by(key);
    if (m) {
      targets.push({
        name: `${label} ≥ 0.7× baseline`,
        detail: formatRatio(m.rps, baselineRps),
        met: m.rps >= 0.7 * baselineRps && m.errors === 0,
      });
    }
  }
  // a review pushed below the newest before any page after it was rendered is no miss
  const visible = (name: string, v: Visibility) => {
    const pushed = pushedBelow(v);
    return {
      name,
      detail:
        `p99 ${ms(v.p99)}, ${v.seen}/${v.acknowledged} seen` +
        (pushed ? `, ${pushed} pushed below the newest first` : ""),
      met:
        v.acknowledged > 0 && v.seen + pushed === v.acknowledged && v.p99 != null && v.p99 <= 1000,
    };
  };
  if (visibility) {
    targets.push(
      visible(
        "a posted review visible within 1 s (p99), every one seen unless pushed below the newest first",
        visibility,
      ),
    );
  }
  if (pacedVisibility) {
    targets.push(
      visible("the same with readers at half the film page's rate (3b)", pacedVisibility),
    );
  }
  const naive = by("naive");
  if (film && naive) {
    targets.push({
      name: "film page without caching ≥ 10× slower",
      detail: `${formatRatio(film.rps, naive.rps)} slower`,
      met: naive.rps * 10 <= film.rps,
    });
  }
  return targets;
}

export function targetLines(targets: Target[]): string {
  return formatTable(
    ["target", "measured", "met"],
    targets.map((t) => [t.name, t.detail, t.met ? "yes" : "NO"]),
  );
}

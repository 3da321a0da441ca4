/**
 * Netflix Top 10 weeks run Monday to Sunday and are named by their Sunday (`2023-10-15` is the
 * week of Mon 9 Oct – Sun 15 Oct 2023). Dates are calendar days, handled in UTC.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(text: string): Date | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // reject 2023-02-30 and the like, which Date silently rolls over
  return d.toISOString().slice(0, 10) === text ? d : null;
}

export function isSunday(isoDate: string): boolean {
  return parseIsoDate(isoDate)?.getUTCDay() === 0;
}

export function addDays(isoDate: string, days: number): string {
  const d = parseIsoDate(isoDate);
  if (!d) throw new Error(`not an ISO date: ${isoDate}`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2023-10-15` → `Oct 9–15, 2023`; `2023-11-05` → `Oct 30 – Nov 5, 2023`; across years in full. */
export function formatWeek(weekEnding: string): string {
  const end = parseIsoDate(weekEnding);
  if (!end) return weekEnding;
  const start = new Date(end);
  start.setUTCDate(end.getUTCDate() - 6);
  const [sm, sd, sy] = [MONTHS[start.getUTCMonth()], start.getUTCDate(), start.getUTCFullYear()];
  const [em, ed, ey] = [MONTHS[end.getUTCMonth()], end.getUTCDate(), end.getUTCFullYear()];
  if (sy !== ey) return `${sm} ${sd}, ${sy} – ${em} ${ed}, ${ey}`;
  if (sm !== em) return `${sm} ${sd} – ${em} ${ed}, ${ey}`;
  return `${sm} ${sd}–${ed}, ${ey}`;
}

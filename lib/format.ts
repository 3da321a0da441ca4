/** `92` → `1h 32m`; `45` → `45m`; `120` → `2h`. */
export function formatRuntime(minutes: number | null | undefined): string | null {
  if (minutes == null || !Number.isFinite(minutes) || minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** ISO-8601 duration for schema.org: `92` → `PT1H32M`. */
export function isoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ""}${m || !h ? `${m}M` : ""}`;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** `ko` → `Korean`; unknown codes come back as given. */
export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `KR` → `South Korea`. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const longDate = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

/** `2023-10-06` → `October 6, 2023` (dates are calendar days, read as UTC). */
export function formatDate(isoDate: string | null | undefined): string | null {
  if (!isoDate) return null;
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : longDate.format(d);
}

/** `en-US` grouping: `89` → `89`, `14700000` → `14,700,000`. */
export function formatInteger(n: number): string {
  return n.toLocaleString("en-US");
}

/** `1` → `1 film`, `2` → `2 films`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** `Ballerina (2023)`, or just `Code 8` while no source gives its year. */
export function titleWithYear(title: string, year: number | null | undefined): string {
  return year == null ? title : `${title} (${year})`;
}

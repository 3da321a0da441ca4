/** RFC 4180 CSV with a UTF-8 byte-order mark so spreadsheet apps read Hangul right. */
export function toCsv(
  header: string[],
  rows: (string | number | boolean | null | undefined)[][],
): string {
  const cell = (v: string | number | boolean | null | undefined) => {
    if (v == null) return "";
    const s = String(v);
    // quote anything with a delimiter, quote or line break; neutralise spreadsheet formulas
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return "\ufeff" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

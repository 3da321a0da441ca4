/** Reads a Top 10 file from disk, TSV or XLSX, into a parsed file (see parse.ts). */
import fs from "node:fs/promises";
import path from "node:path";
import readXlsxFile from "read-excel-file/node";
import { parseTop10Table, parseTop10Tsv, Top10ParseError, type ParsedTop10File } from "./parse";

function cellText(value: unknown): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string")
    return String(value);
  return JSON.stringify(value);
}

export async function readTop10File(file: string): Promise<ParsedTop10File> {
  const name = path.basename(file);
  if (/\.xlsx$/i.test(file)) {
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      sheets = await readXlsxFile(file);
    } catch (error) {
      throw new Top10ParseError(name, [
        { line: 1, problem: `not a readable XLSX workbook (${(error as Error).message})` },
      ]);
    }
    const sheet = sheets[0];
    if (!sheet)
      throw new Top10ParseError(name, [{ line: 1, problem: "the workbook has no sheets" }]);
    // an XLSX row number is its "line"
    return parseTop10Table(
      `${name}[${sheet.sheet}]`,
      sheet.data.map((row) => row.map(cellText)),
    );
  }
  const text = await fs.readFile(file, "utf8");
  return parseTop10Tsv(name, text);
}

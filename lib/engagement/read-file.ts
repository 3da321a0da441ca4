/** Reads an engagement report workbook from disk (see parse.ts); kept apart so parse.ts stays free of Node. */
import path from "node:path";
import readXlsxFile from "read-excel-file/node";
import { EngagementParseError, parseEngagementWorkbook, type EngagementReport } from "./parse";

export async function readEngagementFile(file: string): Promise<EngagementReport> {
  const name = path.basename(file);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(file);
  } catch (error) {
    throw new EngagementParseError(name, [
      { line: 0, problem: `not a readable XLSX workbook (${(error as Error).message})` },
    ]);
  }
  return parseEngagementWorkbook(name, sheets);
}

/**
 * Moving a database to another one (the embedded database to PostgreSQL): the backup stream of
 * the source fed straight into a restore of the target, with no file in between.
 */
import { backupLines, type Progress } from "./backup";
import { restoreLines, type RestoreSummary } from "./restore";
import type { Session } from "./session";

export async function moveDatabase(
  source: Session,
  target: Session,
  options: { force?: boolean; onProgress?: Progress } = {},
): Promise<RestoreSummary> {
  return restoreLines(target, backupLines(source), options);
}

/**
 * Reads an import's input and stages it for review. Used by the background job (web uploads) and by
 * the CLI. A problem with the person's file marks the import failed with its code and file name, and
 * leaves no staging rows behind.
 */
import { ImportFormatError } from "../../domain/imports/model.ts";
import type { Deps } from "../deps.ts";
import { MAX_FILE_BYTES, PROGRESS_SCALE, READ_SHARE } from "./limits.ts";
import { prepareReview } from "./prepare-review.ts";
import { type ImportInput, readImport } from "./read.ts";
import { type ParseSummary, Stager } from "./stage.ts";

/** Writes progress at most every `everyMs`, and always the last value. */
function progressWriter(deps: Pick<Deps, "db" | "clock">, importId: string, everyMs = 250) {
  let last = 0;
  let lastValue = -1;
  return async (permille: number, force = false) => {
    const value = Math.max(0, Math.min(PROGRESS_SCALE, Math.round(permille)));
    const now = Date.now();
    if (value === lastValue || (!force && now - last < everyMs)) return;
    last = now;
    lastValue = value;
    await deps.db
      .updateTable("imports")
      .set({ progress_done: value, progress_total: PROGRESS_SCALE })
      .where("id", "=", importId)
      .execute();
  };
}

async function clearStaging(deps: Pick<Deps, "db">, importId: string): Promise<void> {
  await deps.db.deleteFrom("import_merges").where("import_id", "=", importId).execute();
  await deps.db.deleteFrom("import_facts").where("import_id", "=", importId).execute();
  await deps.db.deleteFrom("import_people").where("import_id", "=", importId).execute();
}

export type ParseOutcome = { ok: true; summary: ParseSummary } | { ok: false; error: ImportFormatError };

/**
 * Parses and stages; the import moves to "review", or to "failed" when the file is at fault. Other
 * errors (the database, the disk) are thrown after the staging rows are removed, so a retry starts clean.
 */
export async function parseAndStage(
  deps: Pick<Deps, "db" | "clock" | "newId" | "config" | "storage">,
  importId: string,
  ownerId: string,
  input: ImportInput,
  onProgress?: (fraction: number) => void,
): Promise<ParseOutcome> {
  const write = progressWriter(deps, importId);
  let pending: Promise<void> = Promise.resolve();
  const report = (fraction: number) => {
    onProgress?.(fraction);
    pending = pending.then(() => write(fraction * PROGRESS_SCALE)).catch(() => undefined);
  };
  await clearStaging(deps, importId);
  try {
    // The files are read and staged together, piece by piece (stage.ts); then matched (prepare-review.ts).
    const stager = new Stager(deps, importId);
    const result = await readImport(
      input,
      { asOf: deps.clock.now(), maxFileBytes: MAX_FILE_BYTES, onProgress: (f) => report(f * READ_SHARE) },
      stager,
    );
    await stager.finish();
    await pending;
    const counts = await prepareReview(deps, importId, ownerId, (f) =>
      report(READ_SHARE + f * (1 - READ_SHARE)),
    );
    await pending;
    const skipped = { ...result.skipped };
    if (stager.dropped > 0) skipped.fact_without_person = stager.dropped;
    const summary: ParseSummary = {
      files: result.files,
      ignoredFiles: result.ignoredFiles.slice(0, 200),
      people: stager.people,
      facts: stager.facts,
      skipped,
      warnings: result.warnings.slice(0, 50),
      ...counts,
    };
    const now = deps.clock.now().toISOString();
    await deps.db
      .updateTable("imports")
      .set({
        status: "review",
        summary: JSON.stringify(summary),
        progress_done: PROGRESS_SCALE,
        progress_total: PROGRESS_SCALE,
        updated_at: now,
      })
      .where("id", "=", importId)
      .execute();
    return { ok: true, summary };
  } catch (error) {
    await pending;
    await clearStaging(deps, importId);
    if (!(error instanceof ImportFormatError)) throw error;
    await deps.db
      .updateTable("imports")
      .set({
        status: "failed",
        error_code: error.code,
        error_file: error.file.slice(0, 300),
        updated_at: deps.clock.now().toISOString(),
      })
      .where("id", "=", importId)
      .execute();
    return { ok: false, error };
  }
}

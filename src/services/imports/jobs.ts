/** Background work of the imports area: reading uploads, committing imports, exports, deletions. */
import { z } from "zod";
import { purgeDeletedAccounts } from "../accounts/delete-purge.ts";
import type { Deps } from "../deps.ts";
import { buildExport } from "../export/build.ts";
import type { JobHandler, RecurringJob } from "../jobs/handlers.ts";
import { bulkJob } from "../jobs/tight-heap.ts";
import { commitImport } from "./commit.ts";
import { parseAndStage } from "./parse.ts";
import { deleteUploads, loadUploads } from "./uploads.ts";

const importPayload = z.object({ importId: z.string() });
const exportPayload = z.object({ exportId: z.string() });

async function parseUpload(deps: Deps, payload: unknown): Promise<void> {
  const { importId } = importPayload.parse(payload);
  const row = await deps.db
    .selectFrom("imports")
    .select(["owner_id", "status", "file_key", "file_name"])
    .where("id", "=", importId)
    .executeTakeFirst();
  if (row?.status !== "parsing" || !row.file_key) return;
  const files = await loadUploads(deps.storage, row.file_key);
  if (!files) throw new Error(`The upload of import ${importId} is missing from storage`);
  const outcome = await parseAndStage(deps, importId, row.owner_id, { kind: "files", files });
  if (!outcome.ok) await deleteUploads(deps.storage, row.file_key);
}

export const importsJobs: Record<string, JobHandler> = {
  "imports.parse": bulkJob(parseUpload),
  "imports.commit": bulkJob(async (deps, payload) => {
    await commitImport(deps, importPayload.parse(payload).importId);
  }),
  "export.build": bulkJob(async (deps, payload) => {
    await buildExport(deps, exportPayload.parse(payload).exportId);
  }),
  "accounts.purgeDeleted": async (deps) => {
    await purgeDeletedAccounts(deps);
  },
};

/** Once a day: accounts past their grace period are removed, and expired exports with them. */
export const importsRecurring: RecurringJob[] = [{ kind: "accounts.purgeDeleted", everySeconds: 24 * 3600 }];

import { Conflict, Invalid } from "../../domain/errors.ts";
import { formatBytes } from "../../domain/imports/text.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { MAX_UPLOAD_BYTES } from "./limits.ts";
import { deleteUploads, storeUploads } from "./uploads.ts";

export interface Upload {
  fileName: string;
  data: Uint8Array;
}

/** A file name safe to show and store: its last path segment, printable, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return (
    base
      .replace(/\p{Cc}/gu, "")
      .trim()
      .slice(0, 200) || "upload"
  );
}

/**
 * Keeps an uploaded export and queues its reading; the page then follows the import's progress. One
 * import at a time per person is read or committed.
 */
export async function startImport(
  deps: Deps,
  viewer: Viewer,
  upload: Upload | Upload[] | null,
  options: { locale?: string; maxBytes?: number } = {},
): Promise<{ id: string }> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const uploads = (Array.isArray(upload) ? upload : upload ? [upload] : []).filter((u) => u.data.length > 0);
  if (uploads.length === 0) throw Invalid.field("file", "error.imports.noFile");
  const files = uploads.map((u) => ({ name: cleanFileName(u.fileName), data: u.data }));
  let total = 0;
  for (const f of files) {
    total += f.data.length;
    if (total > maxBytes) {
      throw Invalid.field("file", "error.imports.fileTooLarge", { file: f.name, max: formatBytes(maxBytes) });
    }
  }
  const busy = await deps.db
    .selectFrom("imports")
    .select("id")
    .where("owner_id", "=", viewer.accountId)
    .where("status", "in", ["parsing", "committing"])
    .executeTakeFirst();
  if (busy) throw new Conflict("error.imports.busy");
  const id = deps.newId();
  const now = deps.clock.now().toISOString();
  const key = await storeUploads(deps.storage, viewer.accountId, id, files);
  try {
    await deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("imports")
        .values({
          id,
          owner_id: viewer.accountId,
          status: "parsing",
          file_name: files
            .map((f) => f.name)
            .join(", ")
            .slice(0, 300),
          file_key: key,
          file_size: total,
          locale: options.locale ?? viewer.locale ?? "en",
          created_at: now,
          updated_at: now,
          committed_at: null,
          error_code: null,
          error_file: null,
        })
        .execute();
      await enqueue(
        { ...deps, db: tx },
        { kind: "imports.parse", payload: { importId: id }, maxAttempts: 3 },
      );
    });
  } catch (error) {
    await deleteUploads(deps.storage, key);
    throw error;
  }
  return { id };
}

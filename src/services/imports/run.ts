/**
 * The whole import for the command line: read a file or folder, stage it, accept every proposed match
 * and merge, and commit — with the same code the web import uses.
 */
import { NotFound } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";
import { ImportFormatError } from "../../domain/imports/model.ts";
import type { Deps } from "../deps.ts";
import { withTightHeap } from "../jobs/tight-heap.ts";
import { type CommitSummary, commitImport } from "./commit.ts";
import { parseAndStage } from "./parse.ts";
import type { ParseSummary } from "./stage.ts";

export interface CliImportResult {
  importId: string;
  parse: ParseSummary;
  commit: CommitSummary;
}

export function importFromPath(
  deps: Deps,
  handle: string,
  path: string,
  options: ImportOptions = {},
): Promise<CliImportResult> {
  return withTightHeap(() => runImport(deps, handle, path, options));
}

interface ImportOptions {
  locale?: string;
  onProgress?: (phase: "read" | "commit", fraction: number) => void;
}

async function runImport(
  deps: Deps,
  handle: string,
  path: string,
  options: ImportOptions,
): Promise<CliImportResult> {
  const account = await deps.db
    .selectFrom("accounts")
    .innerJoin("actors", "actors.id", "accounts.actor_id")
    .select(["accounts.actor_id", "accounts.locale"])
    .where("actors.handle", "=", normalizeHandle(handle))
    .where("actors.domain", "is", null)
    .executeTakeFirst();
  if (!account) throw new NotFound("error.account.notFound", { handle });
  const id = deps.newId();
  const now = deps.clock.now().toISOString();
  const name = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  await deps.db
    .insertInto("imports")
    .values({
      id,
      owner_id: account.actor_id,
      status: "parsing",
      file_name: name.slice(0, 200),
      file_key: null,
      file_size: 0,
      locale: options.locale ?? account.locale ?? "en",
      created_at: now,
      updated_at: now,
      committed_at: null,
      error_code: null,
      error_file: null,
    })
    .execute();
  let outcome: Awaited<ReturnType<typeof parseAndStage>>;
  try {
    outcome = await parseAndStage(deps, id, account.actor_id, { kind: "path", path }, (f) =>
      options.onProgress?.("read", f),
    );
  } catch (error) {
    await deps.db.deleteFrom("imports").where("id", "=", id).execute();
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ImportFormatError("wrong_format", name, "no such file or folder");
    }
    throw error;
  }
  if (!outcome.ok) {
    await deps.db.deleteFrom("imports").where("id", "=", id).execute();
    throw outcome.error;
  }
  options.onProgress?.("commit", 0);
  await deps.db.updateTable("imports").set({ status: "committing" }).where("id", "=", id).execute();
  const commit = await commitImport(deps, id);
  options.onProgress?.("commit", 1);
  if (!commit) throw new Error("The import could not be committed");
  return { importId: id, parse: outcome.summary, commit };
}

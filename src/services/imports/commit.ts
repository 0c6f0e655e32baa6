/**
 * Commits a reviewed import in batches of a few thousand staged people, each batch its own
 * transaction (commit-batch.ts), read and written fifty people at a time (staged-groups.ts), so
 * that neither memory nor a transaction grows with the import. Accepted merges join people into one
 * contact (a group is written once its last member is read). A (source, id) already imported maps to
 * its contact, untouched, and a fact already in the ledger is not added again: re-importing changes
 * nothing.
 *
 * All or nothing: every row a commit writes is marked with the import (contact_sources.import_id, the
 * ledger's source id, import_contacts for new contacts), and the import only becomes "done" in the
 * final transaction, with the links to members and the staging's removal. A commit that fails is
 * undone before its error is rethrown; one that was interrupted (a crash) is undone when it is retried.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { linkContactToActor } from "../contacts/link.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { RECOMPUTE_OWNER_KIND } from "../ties/jobs.ts";
import { type CommitState, type CommitSummary, type StagedRow, writeGroups } from "./commit-batch.ts";
import { PROGRESS_SCALE } from "./limits.ts";
import type { ParseSummary } from "./stage.ts";
import { StagedGroupReader } from "./staged-groups.ts";
import { deleteUploads } from "./uploads.ts";
import { yieldToEventLoop } from "./yield.ts";

export type { CommitSummary } from "./commit-batch.ts";

/** Staged people read and written per transaction. */
export const COMMIT_BATCH = 2000;
/**
 * Staged people held in memory at a time, within a transaction: what one page costs (its rows, facts,
 * new contacts and ledger rows) is short-lived, whatever the size of the transaction. Fewer than a
 * hundred on purpose (see statements.ts: V8 would allocate every later page straight into the old
 * generation).
 */
export const COMMIT_PAGE = 50;
/**
 * Staged facts (characters of their JSON, about 60 a fact) written at a time: a page of people who
 * exchanged many messages is written in several pieces, and the next page is smaller.
 */
export const COMMIT_FACTS = 32 * 1024;

export interface ImportSummary extends Partial<ParseSummary> {
  commit?: CommitSummary;
}

/** The groups in pieces whose staged facts stay under `budget` characters (a bigger group alone). */
function* byFacts(groups: StagedRow[][], budget: number): Generator<StagedRow[][]> {
  let part: StagedRow[][] = [];
  let size = 0;
  for (const group of groups) {
    let n = 0;
    for (const p of group) for (const json of p.facts) n += json.length;
    if (part.length > 0 && size + n > budget) {
      yield part;
      part = [];
      size = 0;
    }
    part.push(group);
    size += n;
  }
  if (part.length > 0) yield part;
}

/** Removes what an unfinished commit of `importId` wrote (nothing, when none was started). */
export async function undoCommit(db: Kysely<Database>, importId: string, ownerId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("interactions")
      .where("owner_id", "=", ownerId)
      .where("source_type", "=", "import")
      .where("source_id", "=", importId)
      .execute();
    await tx
      .deleteFrom("contacts")
      .where("owner_id", "=", ownerId)
      .where("id", "in", (eb) =>
        eb.selectFrom("import_contacts").select("contact_id").where("import_id", "=", importId),
      )
      .execute();
    await tx
      .deleteFrom("contact_sources")
      .where("owner_id", "=", ownerId)
      .where("import_id", "=", importId)
      .execute();
    await tx.deleteFrom("import_contacts").where("import_id", "=", importId).execute();
  });
}

/**
 * Commits an import that is waiting in "committing"; anything else is left alone (a repeated job does
 * nothing). Returns the summary, or null when there was nothing to do.
 */
export async function commitImport(
  deps: Pick<Deps, "db" | "newId" | "clock" | "storage">,
  importId: string,
  options: { batchSize?: number } = {},
): Promise<CommitSummary | null> {
  const { db } = deps;
  const row = await db
    .selectFrom("imports")
    .select(["owner_id", "status", "summary", "locale", "file_key"])
    .where("id", "=", importId)
    .executeTakeFirst();
  if (row?.status !== "committing") return null;
  const ownerId = row.owner_id;
  const state: CommitState = {
    importId,
    ownerId,
    locale: row.locale,
    now: deps.clock.now().toISOString(),
    summary: { created: 0, matched: 0, merged: 0, unchanged: 0, factsAdded: 0 },
    byActor: new Map(),
    links: new Map(),
  };
  const parse = JSON.parse(row.summary) as ImportSummary;
  const total = Math.max(1, parse.people ?? 1);
  let finished = false;
  try {
    // What an interrupted attempt wrote goes first: the batches then start from a clean state.
    await undoCommit(db, importId, ownerId);
    const reader = await StagedGroupReader.open(db, importId);
    const batch = Math.max(1, options.batchSize ?? COMMIT_BATCH);
    const maxPage = Math.min(batch, COMMIT_PAGE);
    // People who exchanged many messages make heavy pages: the next page is smaller, until light again.
    let page = maxPage;
    while (!reader.done) {
      await db.transaction().execute(async (tx) => {
        const until = reader.read + batch;
        while (!reader.done && reader.read < until) {
          const groups = await reader.next(tx, Math.min(page, until - reader.read));
          const parts = [...byFacts(groups, COMMIT_FACTS)];
          for (const part of parts) await writeGroups(tx, deps, state, part);
          page = parts.length > 1 ? Math.max(1, page >> 1) : Math.min(maxPage, page * 2);
        }
        await tx
          .updateTable("imports")
          .set({
            progress_done: Math.min(PROGRESS_SCALE, Math.round((PROGRESS_SCALE * reader.read) / total)),
            progress_total: PROGRESS_SCALE,
          })
          .where("id", "=", importId)
          .execute();
      });
      await yieldToEventLoop();
    }
    finished = await db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom("imports")
        .select("status")
        .where("id", "=", importId)
        .executeTakeFirst();
      if (current?.status !== "committing") return false;
      const nowMs = deps.clock.now().getTime();
      for (const [contactId, actorId] of state.links) {
        await linkContactToActor(tx, ownerId, contactId, actorId, nowMs);
      }
      if (state.summary.factsAdded > 0 || state.summary.matched > 0) {
        // The bulk insert bypasses the per-fact tie update: the ties are recomputed in the background.
        await enqueue(
          { db: tx, newId: deps.newId, clock: deps.clock },
          { kind: RECOMPUTE_OWNER_KIND, payload: { ownerId }, key: `${RECOMPUTE_OWNER_KIND}:${ownerId}` },
        );
      }
      for (const table of ["import_merges", "import_facts", "import_people", "import_contacts"] as const) {
        await tx.deleteFrom(table).where("import_id", "=", importId).execute();
      }
      const summary: ImportSummary = { ...parse, commit: state.summary };
      const now = deps.clock.now().toISOString();
      await tx
        .updateTable("imports")
        .set({
          status: "done",
          summary: JSON.stringify(summary),
          committed_at: now,
          updated_at: now,
          file_key: null,
          progress_done: PROGRESS_SCALE,
          progress_total: PROGRESS_SCALE,
        })
        .where("id", "=", importId)
        .execute();
      return true;
    });
  } catch (error) {
    await undoCommit(db, importId, ownerId).catch(() => undefined);
    throw error;
  }
  if (!finished) {
    await undoCommit(db, importId, ownerId);
    return null;
  }
  await deleteUploads(deps.storage, row.file_key);
  return state.summary;
}

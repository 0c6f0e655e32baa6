/**
 * Commits a reviewed import in batches of a few thousand staged people, each batch its own
 * transaction (commit-batch.ts), so that neither memory nor a transaction grows with the import.
 * Accepted merges join people into one contact (groups, found with a union-find over positions: a
 * group is written once its last member is read). A (source, id) already imported maps to its
 * contact, untouched, and a fact already in the ledger is not added again: re-importing changes
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
import type { StagedFact } from "./contact-data.ts";
import { PROGRESS_SCALE } from "./limits.ts";
import type { ParseSummary, StagedFactTuple } from "./stage.ts";
import { deleteUploads } from "./uploads.ts";

export type { CommitSummary } from "./commit-batch.ts";

/** Staged people read and written per transaction. */
export const COMMIT_BATCH = 2000;

export interface ImportSummary extends Partial<ParseSummary> {
  commit?: CommitSummary;
}

/** Union-find over positions 0..n-1; a root is the smallest position of its group. */
function unionFind(n: number) {
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let c = i;
    while (parent[c] !== r) {
      const next = parent[c] ?? r;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  return {
    find,
    union(a: number, b: number) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
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

/** Groups of staged people, complete ones only, read `batch` people at a time in import order. */
async function* stagedGroups(
  db: Kysely<Database>,
  importId: string,
  batch: number,
): AsyncGenerator<{ groups: StagedRow[][]; read: number }> {
  const top = await db
    .selectFrom("import_people")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("import_id", "=", importId)
    .executeTakeFirst();
  const n = top?.max === null || top?.max === undefined ? 0 : Number(top.max) + 1;
  const uf = unionFind(n);
  const pairs = await db
    .selectFrom("import_merges as m")
    .innerJoin("import_people as a", "a.id", "m.a_id")
    .innerJoin("import_people as b", "b.id", "m.b_id")
    .select(["a.position as a", "b.position as b"])
    .where("m.import_id", "=", importId)
    .where("m.accepted", "=", 1)
    .execute();
  for (const m of pairs) uf.union(Number(m.a), Number(m.b));
  const last = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    last[r] = Math.max(last[r] ?? 0, i);
  }
  const open = new Map<number, StagedRow[]>();
  let after = -1;
  let read = 0;
  for (;;) {
    const page = await db
      .selectFrom("import_people")
      .select([
        "id",
        "position",
        "source",
        "source_key",
        "data",
        "contact_id",
        "actor_id",
        "match_reason",
        "match_accepted",
        "facts",
      ])
      .where("import_id", "=", importId)
      .where("position", ">", after)
      .orderBy("position")
      .limit(batch)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]?.position ?? after;
    const factsOf = new Map<string, StagedFact[]>();
    const add = (personId: string, source: string, json: string) => {
      const list = factsOf.get(personId) ?? [];
      for (const [kind, direction, occurred_at, undated, note] of JSON.parse(json) as StagedFactTuple[])
        list.push({ source, kind, direction, occurred_at, undated, note });
      factsOf.set(personId, list);
    };
    for (const p of page) add(p.id, p.source, p.facts);
    const source = new Map(page.map((p) => [p.id, p.source]));
    for (let i = 0; i < page.length; i += 500) {
      const rows = await db
        .selectFrom("import_facts")
        .select(["person_id", "facts"])
        .where("import_id", "=", importId)
        .where(
          "person_id",
          "in",
          page.slice(i, i + 500).map((p) => p.id),
        )
        .orderBy("person_id")
        .orderBy("seq")
        .execute();
      for (const f of rows) add(f.person_id, source.get(f.person_id) ?? "", f.facts);
    }
    const groups: StagedRow[][] = [];
    for (const { facts: _, ...p } of page) {
      const root = uf.find(p.position);
      const group = open.get(root) ?? [];
      group.push({ ...p, facts: factsOf.get(p.id) ?? [] });
      if (p.position >= (last[root] ?? 0)) {
        open.delete(root);
        groups.push(group);
      } else open.set(root, group);
    }
    read += page.length;
    yield { groups, read };
  }
  // A group whose last member is gone (cannot happen: merges name staged people) is written anyway.
  if (open.size > 0) yield { groups: [...open.values()], read };
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
    for await (const { groups, read } of stagedGroups(db, importId, options.batchSize ?? COMMIT_BATCH)) {
      await db.transaction().execute(async (tx) => {
        await writeGroups(tx, deps, state, groups);
        await tx
          .updateTable("imports")
          .set({
            progress_done: Math.min(PROGRESS_SCALE, Math.round((PROGRESS_SCALE * read) / total)),
            progress_total: PROGRESS_SCALE,
          })
          .where("id", "=", importId)
          .execute();
      });
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

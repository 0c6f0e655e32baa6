/** The review's answer: which matches and merges to use, then the commit, queued as a background job. */
import { Conflict, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { deleteUploads } from "./uploads.ts";

/** `match-<personId>` and `merge-<proposalId>`, each "yes" or "no"; absent ones keep the proposal. */
export type Decisions = Record<string, string>;

function split(decisions: Decisions, prefix: string): { yes: string[]; no: string[] } {
  const yes: string[] = [];
  const no: string[] = [];
  for (const [name, value] of Object.entries(decisions)) {
    if (!name.startsWith(prefix)) continue;
    const id = name.slice(prefix.length);
    if (value === "yes") yes.push(id);
    else if (value === "no") no.push(id);
  }
  return { yes, no };
}

const chunks = <T>(list: T[], size = 500): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** Saves the decisions and queues the commit; only the owner's import waiting for review can be committed. */
export async function commitReviewed(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  importId: string,
  decisions: Decisions,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("imports")
      .select("status")
      .where("id", "=", importId)
      .where("owner_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (!row) throw new NotFound();
    if (row.status !== "review") throw new Conflict("error.imports.notInReview");
    const matches = split(decisions, "match-");
    const merges = split(decisions, "merge-");
    for (const [ids, value] of [
      [matches.yes, 1],
      [matches.no, 0],
    ] as const) {
      for (const batch of chunks(ids)) {
        await tx
          .updateTable("import_people")
          .set({ match_accepted: value })
          .where("import_id", "=", importId)
          .where("id", "in", batch)
          .execute();
      }
    }
    for (const [ids, value] of [
      [merges.yes, 1],
      [merges.no, 0],
    ] as const) {
      for (const batch of chunks(ids)) {
        await tx
          .updateTable("import_merges")
          .set({ accepted: value })
          .where("import_id", "=", importId)
          .where("id", "in", batch)
          .execute();
      }
    }
    await tx
      .updateTable("imports")
      .set({ status: "committing", updated_at: deps.clock.now().toISOString() })
      .where("id", "=", importId)
      .execute();
    await enqueue(
      { ...deps, db: tx },
      { kind: "imports.commit", payload: { importId }, key: `import:${importId}` },
    );
  });
}

/** Drops an import that is not committed (its staging rows and its upload go with it). */
export async function cancelImport(
  deps: Pick<Deps, "db" | "storage">,
  viewer: Viewer,
  importId: string,
): Promise<void> {
  const row = await deps.db
    .selectFrom("imports")
    .select(["status", "file_key"])
    .where("id", "=", importId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  if (row.status === "committing") throw new Conflict("error.imports.committing");
  await deps.db
    .deleteFrom("imports")
    .where("id", "=", importId)
    .where("status", "!=", "committing")
    .execute();
  await deleteUploads(deps.storage, row.file_key);
}

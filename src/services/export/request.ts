/** Asking for an export, listing them, and downloading one (the owner only, for seven days). */
import { Conflict, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";

export interface ExportView {
  id: string;
  status: "pending" | "ready" | "failed" | "expired";
  size: number | null;
  createdAt: string;
  expiresAt: string | null;
}

/** Queues a new export; one waiting at a time. */
export async function requestExport(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
): Promise<{ id: string }> {
  const waiting = await deps.db
    .selectFrom("exports")
    .select("id")
    .where("owner_id", "=", viewer.accountId)
    .where("status", "=", "pending")
    // A job that died for good must not block the next request forever.
    .where("created_at", ">", new Date(deps.clock.now().getTime() - 3600_000).toISOString())
    .executeTakeFirst();
  if (waiting) throw new Conflict("error.export.pending");
  const id = deps.newId();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("exports")
      .values({
        id,
        owner_id: viewer.accountId,
        status: "pending",
        file_key: null,
        size: null,
        created_at: deps.clock.now().toISOString(),
        finished_at: null,
        expires_at: null,
      })
      .execute();
    await enqueue({ ...deps, db: tx }, { kind: "export.build", payload: { exportId: id } });
  });
  return { id };
}

export async function listExports(deps: Pick<Deps, "db" | "clock">, viewer: Viewer): Promise<ExportView[]> {
  const now = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom("exports")
    .select(["id", "status", "size", "created_at", "expires_at"])
    .where("owner_id", "=", viewer.accountId)
    .orderBy("created_at", "desc")
    .limit(5)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status === "ready" && r.expires_at && r.expires_at <= now ? "expired" : r.status,
    size: r.size,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

/** The archive's bytes, for its owner while it has not expired; NotFound for anyone else or after. */
export async function readExportFile(
  deps: Pick<Deps, "db" | "clock" | "storage">,
  viewer: Viewer,
  exportId: string,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const row = await deps.db
    .selectFrom("exports")
    .select(["file_key", "status", "expires_at", "created_at"])
    .where("id", "=", exportId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  const now = deps.clock.now().toISOString();
  if (row?.status !== "ready" || !row.file_key || !row.expires_at || row.expires_at <= now) {
    throw new NotFound("error.export.gone");
  }
  const bytes = await deps.storage.get(row.file_key);
  if (!bytes) throw new NotFound("error.export.gone");
  return { bytes, fileName: `liens-${viewer.handle}-${row.created_at.slice(0, 10)}.zip` };
}

/** Removes expired archives (the daily job). */
export async function removeExpiredExports(deps: Pick<Deps, "db" | "clock" | "storage">): Promise<number> {
  const now = deps.clock.now().toISOString();
  const expired = await deps.db
    .selectFrom("exports")
    .select(["id", "file_key"])
    .where("expires_at", "<=", now)
    .execute();
  for (const e of expired) {
    if (e.file_key) await deps.storage.delete(e.file_key);
    await deps.db.deleteFrom("exports").where("id", "=", e.id).execute();
  }
  return expired.length;
}

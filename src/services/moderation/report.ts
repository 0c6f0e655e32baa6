import { z } from "zod";
import { Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { assertAdmin } from "../instance/settings.ts";
import { parseInput } from "../validate.ts";

const schema = z.object({
  reason: z.string().trim().min(10, "error.report.reason").max(2000, "error.tooLong"),
});

/** Reports an account to the instance's admins, with a reason. */
export async function reportAccount(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  targetId: string,
  input: { reason?: string | undefined },
): Promise<void> {
  if (viewer.accountId === targetId) throw Invalid.field("reason", "error.report.self");
  const { reason } = parseInput(schema, input);
  await deps.db
    .insertInto("reports")
    .values({
      id: deps.newId(),
      reporter_id: viewer.accountId,
      target_id: targetId,
      reason,
      created_at: deps.clock.now().toISOString(),
      resolved_at: null,
      resolved_by: null,
    })
    .execute();
}

export interface OpenReport {
  id: string;
  reason: string;
  createdAt: string;
  reporterHandle: string;
  targetHandle: string;
}

export async function listOpenReports(deps: Pick<Deps, "db">, viewer: Viewer | null): Promise<OpenReport[]> {
  assertAdmin(viewer);
  const rows = await deps.db
    .selectFrom("reports as r")
    .innerJoin("actors as reporter", "reporter.id", "r.reporter_id")
    .innerJoin("actors as target", "target.id", "r.target_id")
    .select(["r.id", "r.reason", "r.created_at", "reporter.handle as reporter", "target.handle as target"])
    .where("r.resolved_at", "is", null)
    .orderBy("r.created_at", "asc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    createdAt: r.created_at,
    reporterHandle: r.reporter,
    targetHandle: r.target,
  }));
}

export async function resolveReport(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  reportId: string,
): Promise<void> {
  assertAdmin(viewer);
  const result = await deps.db
    .updateTable("reports")
    .set({ resolved_at: deps.clock.now().toISOString(), resolved_by: viewer.accountId })
    .where("id", "=", reportId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound();
}

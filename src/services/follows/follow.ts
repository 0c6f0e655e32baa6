import { isUniqueViolation } from "../../db/errors.ts";
import { Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { isBlockedEitherWay } from "../graph/blocks.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { notify } from "../notifications/notify.ts";
import { forgetBroughtBy } from "../timelines/prune.ts";

/**
 * Follows someone (one-way). A locked account turns the follow into a request it approves or declines.
 * Following twice changes nothing.
 */
export async function follow(
  deps: Deps,
  viewer: Viewer,
  targetId: string,
): Promise<"following" | "requested"> {
  const me = viewer.accountId;
  if (me === targetId) throw Invalid.field("", "error.follow.self");
  if (await isBlockedEitherWay(deps.db, me, targetId)) throw Invalid.field("", "error.follow.blocked");
  const target = await deps.db
    .selectFrom("accounts")
    .select("locked")
    .where("actor_id", "=", targetId)
    .executeTakeFirst();
  if (!target) throw new NotFound();
  const existing = await deps.db
    .selectFrom("follows")
    .select("status")
    .where("follower_id", "=", me)
    .where("followee_id", "=", targetId)
    .executeTakeFirst();
  if (existing) return existing.status === "accepted" ? "following" : "requested";

  const at = deps.clock.now();
  const status = target.locked ? "pending" : "accepted";
  const id = deps.newId();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const txDeps = { ...deps, db: tx };
      await tx
        .insertInto("follows")
        .values({
          id,
          follower_id: me,
          followee_id: targetId,
          status,
          uri: null,
          created_at: at.toISOString(),
          accepted_at: status === "accepted" ? at.toISOString() : null,
        })
        .execute();
      if (status === "accepted") {
        await recordMutualFact(txDeps, me, targetId, {
          kind: "follow",
          channel: "public",
          at,
          source: { type: "follow", id },
        });
      }
      await notify(txDeps, {
        recipientId: targetId,
        kind: status === "accepted" ? "follow" : "follow_request",
        actorId: me,
        subjectId: id,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return status === "accepted" ? "following" : "requested";
}

/** Stops following, or takes back a follow request. */
export async function unfollow(deps: Pick<Deps, "db">, viewer: Viewer, targetId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("follows")
      .where("follower_id", "=", viewer.accountId)
      .where("followee_id", "=", targetId)
      .execute();
    await forgetBroughtBy(tx, viewer.accountId, targetId);
  });
}

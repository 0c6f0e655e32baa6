import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { notify } from "../notifications/notify.ts";

type Tx = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

async function approve(
  deps: Tx,
  followeeId: string,
  follow: { id: string; follower_id: string },
): Promise<void> {
  const at = deps.clock.now();
  await deps.db
    .updateTable("follows")
    .set({ status: "accepted", accepted_at: at.toISOString() })
    .where("id", "=", follow.id)
    .execute();
  await recordMutualFact(deps, follow.follower_id, followeeId, {
    kind: "follow",
    channel: "public",
    at,
    source: { type: "follow", id: follow.id },
  });
  await notify(deps, {
    recipientId: follow.follower_id,
    kind: "follow_accepted",
    actorId: followeeId,
    subjectId: follow.id,
  });
}

/** A locked account approves or declines a pending follow request addressed to it. */
export async function answerFollowRequest(
  deps: Deps,
  viewer: Viewer,
  followerId: string,
  answer: "approve" | "decline",
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom("follows")
      .select(["id", "follower_id"])
      .where("follower_id", "=", followerId)
      .where("followee_id", "=", viewer.accountId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (!pending) throw new NotFound();
    if (answer === "approve") await approve({ ...deps, db: tx }, viewer.accountId, pending);
    else await tx.deleteFrom("follows").where("id", "=", pending.id).execute();
  });
}

/** Locks or unlocks the account; unlocking approves every pending follow request, as people expect. */
export async function setLocked(deps: Deps, viewer: Viewer, locked: boolean): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("accounts")
      .set({ locked: locked ? 1 : 0 })
      .where("actor_id", "=", viewer.accountId)
      .execute();
    if (locked) return;
    const pending = await tx
      .selectFrom("follows")
      .select(["id", "follower_id"])
      .where("followee_id", "=", viewer.accountId)
      .where("status", "=", "pending")
      .execute();
    for (const follow of pending) await approve({ ...deps, db: tx }, viewer.accountId, follow);
  });
}

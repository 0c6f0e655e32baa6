import { z } from "zod";
import type { Deps } from "../deps.ts";
import type { JobHandler } from "../jobs/handlers.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { notify } from "../notifications/notify.ts";
import { POLL_ENDED_JOB } from "./create.ts";
import { expirePendingMedia, PENDING_MEDIA_JOB } from "./pending-media.ts";

const payloadSchema = z.object({ postId: z.string() });

/**
 * When a poll closes: a "poll ended" notification to each voter and to its author (each may have
 * turned the kind off), once. A poll deleted meanwhile is simply gone.
 */
export async function pollEnded(deps: Deps, payload: unknown): Promise<void> {
  const { postId } = payloadSchema.parse(payload);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const poll = await tx
      .selectFrom("polls")
      .innerJoin("posts", "posts.id", "polls.post_id")
      .select(["polls.ends_at", "polls.closed_notified_at", "posts.author_id"])
      .where("polls.post_id", "=", postId)
      .executeTakeFirst();
    if (!poll || poll.closed_notified_at !== null) return;
    if (poll.ends_at > now) throw new Error("The poll has not closed yet");
    const voters = await tx
      .selectFrom("poll_votes")
      .select("actor_id")
      .distinct()
      .where("post_id", "=", postId)
      .execute();
    const w = { ...deps, db: tx };
    for (const { actor_id } of voters) {
      await notify(w, {
        recipientId: actor_id,
        kind: "poll_ended",
        actorId: poll.author_id,
        subjectId: postId,
      });
    }
    const optedOut = await tx
      .selectFrom("notification_opt_outs")
      .select("kind")
      .where("account_id", "=", poll.author_id)
      .where("kind", "=", "poll_ended")
      .executeTakeFirst();
    const isLocal = await tx
      .selectFrom("accounts")
      .select("actor_id")
      .where("actor_id", "=", poll.author_id)
      .executeTakeFirst();
    if (!optedOut && isLocal) {
      await tx
        .insertInto("notifications")
        .values({
          id: deps.newId(),
          recipient_id: poll.author_id,
          kind: "poll_ended",
          actor_id: null,
          subject_id: postId,
          created_at: now,
          read_at: null,
        })
        .execute();
      forgetBadges(poll.author_id);
    }
    await tx.updateTable("polls").set({ closed_notified_at: now }).where("post_id", "=", postId).execute();
  });
}

export const postsJobs: Record<string, JobHandler> = {
  [POLL_ENDED_JOB]: pollEnded,
  [PENDING_MEDIA_JOB]: expirePendingMedia,
};

import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { block } from "../moderation/block.ts";
import { forgetBadges } from "../notifications/badges.ts";

/** Moves a message request to the inbox. Accepting twice is harmless. */
export async function acceptRequest(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  conversationId: string,
): Promise<void> {
  const result = await deps.db
    .updateTable("conversation_members")
    .set({ state: "active" })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", viewer.accountId)
    .where("state", "in", ["request", "active"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound();
}

/** Who sent a request: the other person of a 1:1 conversation, or whoever started the group. */
async function requester(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  conversationId: string,
): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom("conversations as c")
    .leftJoin("conversation_members as other", (join) =>
      join
        .onRef("other.conversation_id", "=", "c.id")
        .on("c.kind", "=", "direct")
        .on("other.account_id", "!=", viewer.accountId),
    )
    .select(["c.created_by", "other.account_id as other_id"])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  return row?.other_id ?? row?.created_by;
}

/**
 * Declines a message request: it leaves the requests box, the sender is not told, and their further
 * messages stay out of sight unless the viewer connects with them or follows them. With `block`, the
 * sender is blocked as well.
 */
export async function declineRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  conversationId: string,
  options: { block?: boolean } = {},
): Promise<void> {
  const result = await deps.db
    .updateTable("conversation_members")
    .set({ state: "declined", unread_count: 0 })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", viewer.accountId)
    .where("state", "in", ["request", "declined"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound();
  forgetBadges(viewer.accountId);
  if (!options.block) return;
  const senderId = await requester(deps, viewer, conversationId);
  if (senderId && senderId !== viewer.accountId) await block(deps, viewer, senderId);
}

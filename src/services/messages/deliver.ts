import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { Invalid, NotFound } from "../../domain/errors.ts";
import { markWelcomed } from "../connections/welcome.ts";
import type { Deps } from "../deps.ts";
import { isBlockedEitherWay } from "../graph/blocks.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { standingsTowards } from "./standing.ts";

export type Tx = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

/**
 * Adds a message to a conversation the sender belongs to — the one write path of every send. Run
 * inside a transaction. The sender becomes active (replying to a request accepts it); a waiting
 * recipient who now is connected to the sender or follows them moves to their inbox; the others'
 * unread counts grow. A 1:1 message feeds both ledgers and counts as the sender's welcome.
 */
export async function deliverMessage(
  deps: Tx,
  input: { conversationId: string; senderId: string; body: string },
): Promise<{ messageId: string }> {
  const { conversationId, senderId } = input;
  const at = deps.clock.now();
  const now = at.toISOString();
  const members = await deps.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .innerJoin("actors as a", "a.id", "m.account_id")
    .select(["m.account_id", "m.state", "c.kind", "a.handle"])
    .where("m.conversation_id", "=", conversationId)
    .execute();
  if (!members.some((m) => m.account_id === senderId)) throw new NotFound();
  const others = members.filter((m) => m.account_id !== senderId && m.state !== "left");
  const direct = members[0]?.kind === "direct" ? others[0] : undefined;
  if (direct && (await isBlockedEitherWay(deps.db, senderId, direct.account_id))) {
    throw Invalid.field("body", "error.message.blocked", { handle: direct.handle });
  }

  const waiting = others.filter((m) => m.state !== "active").map((m) => m.account_id);
  const standings = await standingsTowards(deps.db, senderId, waiting);
  const nowWelcoming = waiting.filter((id) => standings.get(id)?.welcomesSender);
  if (nowWelcoming.length > 0) {
    await deps.db
      .updateTable("conversation_members")
      .set({ state: "active" })
      .where("conversation_id", "=", conversationId)
      .where("account_id", "in", nowWelcoming)
      .execute();
  }

  const messageId = deps.newId();
  await deps.db
    .insertInto("messages")
    .values({
      id: messageId,
      conversation_id: conversationId,
      sender_id: senderId,
      body: input.body,
      created_at: now,
    })
    .execute();
  await deps.db
    .updateTable("conversations")
    .set({ last_message_at: now })
    .where("id", "=", conversationId)
    .execute();
  await deps.db
    .updateTable("conversation_members")
    .set((eb) => ({
      last_message_at: now,
      unread_count: eb
        .case()
        .when("state", "in", ["active", "request"])
        .then(eb("unread_count", "+", 1))
        .else(eb.ref("unread_count"))
        .end(),
    }))
    .where("conversation_id", "=", conversationId)
    .where("account_id", "!=", senderId)
    .where("state", "!=", "left")
    .returning("account_id")
    .execute()
    .then((rows) => forgetBadges(rows.map((r) => r.account_id)));
  await deps.db
    .updateTable("conversation_members")
    .set({ state: "active", last_message_at: now, last_read_at: now, unread_count: 0 })
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", senderId)
    .execute();

  // A stranger's message to someone who declined them reaches nobody: it is no interaction.
  if (direct && (direct.state !== "declined" || nowWelcoming.includes(direct.account_id))) {
    await recordMutualFact(deps, senderId, direct.account_id, {
      kind: "dm_day_one_way",
      channel: "dm",
      at,
      source: { type: "message", id: messageId },
    });
    await markWelcomed(deps.db, senderId, direct.account_id, at);
  }
  return { messageId };
}

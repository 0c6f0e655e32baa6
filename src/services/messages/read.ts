import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { membersOf, type Person } from "./people.ts";

export const MESSAGES_PER_PAGE = 40;

export interface MessageView {
  id: string;
  body: string;
  createdAt: string;
  sender: Person | null;
  fromViewer: boolean;
}

export interface ThreadView {
  id: string;
  kind: "direct" | "group";
  title: string;
  /** "request": the viewer has not accepted this conversation yet. */
  state: "active" | "request";
  others: Person[];
  /** Who started the conversation (the requester, for a request). */
  startedBy: Person | null;
  /** Oldest first, the newest page unless `before` asked for older ones. */
  messages: MessageView[];
  /** Message id to pass as `before` for the previous page, or null at the beginning. */
  olderCursor: string | null;
}

const MESSAGE_ID = /^[\w-]{1,64}$/;

/**
 * A conversation as its member sees it, 40 messages a page (keyset on the message id, a UUIDv7).
 * Opening the newest page marks it read; opening it again changes nothing. Anyone who is not a
 * member (or who declined it) gets NotFound, so its existence does not leak.
 */
export async function readConversation(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  conversationId: string,
  options: { before?: string | undefined } = {},
): Promise<ThreadView> {
  const me = viewer.accountId;
  const membership = await deps.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["c.kind", "c.title", "c.created_by", "m.state", "m.unread_count"])
    .where("m.conversation_id", "=", conversationId)
    .where("m.account_id", "=", me)
    .executeTakeFirst();
  if (!membership || (membership.state !== "active" && membership.state !== "request")) throw new NotFound();

  const before = options.before && MESSAGE_ID.test(options.before) ? options.before : undefined;
  let query = deps.db
    .selectFrom("messages")
    .select(["id", "body", "created_at", "sender_id"])
    .where("conversation_id", "=", conversationId);
  if (before) query = query.where("id", "<", before);
  const rows = await query
    .orderBy("id", "desc")
    .limit(MESSAGES_PER_PAGE + 1)
    .execute();
  const page = rows.slice(0, MESSAGES_PER_PAGE).reverse();
  const members = (await membersOf(deps.db, [conversationId])).get(conversationId) ?? [];
  const byId = new Map(members.map((p) => [p.id, p]));

  if (!before && Number(membership.unread_count) > 0) {
    await deps.db
      .updateTable("conversation_members")
      .set({ unread_count: 0, last_read_at: deps.clock.now().toISOString() })
      .where("conversation_id", "=", conversationId)
      .where("account_id", "=", me)
      .execute();
    forgetBadges(me);
  }
  return {
    id: conversationId,
    kind: membership.kind,
    title: membership.title,
    state: membership.state,
    others: members.filter((p) => p.id !== me),
    startedBy: byId.get(membership.created_by) ?? null,
    messages: page.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.created_at,
      sender: byId.get(m.sender_id) ?? null,
      fromViewer: m.sender_id === me,
    })),
    olderCursor: rows.length > MESSAGES_PER_PAGE ? (page[0]?.id ?? null) : null,
  };
}

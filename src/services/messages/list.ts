import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";
import { membersOf, type Person } from "./people.ts";
import { hiddenRequest } from "./visibility.ts";

export const CONVERSATIONS_PER_PAGE = 20;

export interface ConversationSummary {
  id: string;
  kind: "direct" | "group";
  title: string;
  /** Everyone in the conversation but the viewer. */
  others: Person[];
  lastMessageAt: string;
  lastMessage: { body: string; fromViewer: boolean } | null;
  unreadCount: number;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Cursor of the next (older) page, or null on the last page. */
  olderCursor: string | null;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([\w-]{1,64})$/;

function encodeCursor(at: string, id: string): string {
  return `${at}_${id}`;
}

/** A cursor read back from a URL; anything malformed means "the first page". */
function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  const match = cursor ? CURSOR.exec(cursor) : null;
  return match?.[1] && match[2] ? { at: match[1], id: match[2] } : null;
}

/**
 * The newest message of each page conversation, in one query over the (conversation_id, id) index —
 * only for the page's rows, never for every membership of the viewer.
 */
async function lastMessageOf(
  deps: Pick<Deps, "db">,
  conversationIds: string[],
): Promise<Map<string, { body: string; senderId: string }>> {
  if (conversationIds.length === 0) return new Map();
  // Two index seeks per conversation on (conversation_id, id): the newest message's body and sender.
  const newest = (eb: ExpressionBuilder<Database, "conversations">) =>
    eb
      .selectFrom("messages as l")
      .whereRef("l.conversation_id", "=", "conversations.id")
      .orderBy("l.id", "desc")
      .limit(1);
  const rows = await deps.db
    .selectFrom("conversations")
    .select((eb) => [
      "conversations.id as conversation_id",
      newest(eb).select("l.body").as("body"),
      newest(eb).select("l.sender_id").as("sender_id"),
    ])
    .where("conversations.id", "in", conversationIds)
    .execute();
  return new Map(
    rows.flatMap((r) =>
      r.body !== null && r.sender_id !== null
        ? [[r.conversation_id, { body: r.body, senderId: r.sender_id }]]
        : [],
    ),
  );
}

function lastOf(last: { body: string; senderId: string } | undefined, me: string) {
  return last ? { body: last.body, fromViewer: last.senderId === me } : null;
}

/**
 * The viewer's conversations, newest first, 20 a page (keyset on the member's last message time and
 * the conversation id): the inbox, or the message requests — without those from people the viewer
 * blocked or muted. Three queries, whatever the page size.
 */
export async function listConversations(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  options: { box: "inbox" | "requests"; before?: string | undefined },
): Promise<ConversationPage> {
  const me = viewer.accountId;
  const after = decodeCursor(options.before);
  let query = deps.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["c.id", "c.kind", "c.title", "m.last_message_at", "m.unread_count"])
    .where("m.account_id", "=", me)
    .where("m.state", "=", options.box === "inbox" ? "active" : "request");
  if (options.box === "requests") query = query.where((eb) => eb.not(hiddenRequest(eb, me)));
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("m.last_message_at", "<", after.at),
        eb.and([eb("m.last_message_at", "=", after.at), eb("m.conversation_id", "<", after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("m.last_message_at", "desc")
    .orderBy("m.conversation_id", "desc")
    .limit(CONVERSATIONS_PER_PAGE + 1)
    .execute();
  const page = rows.slice(0, CONVERSATIONS_PER_PAGE);
  const ids = page.map((r) => r.id);
  const others = await membersOf(deps.db, ids, { except: me });
  const lastMessages = await lastMessageOf(deps, ids);
  const lastRow = page.at(-1);
  return {
    conversations: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      others: others.get(r.id) ?? [],
      lastMessageAt: r.last_message_at,
      lastMessage: lastOf(lastMessages.get(r.id), me),
      unreadCount: Number(r.unread_count),
    })),
    olderCursor:
      rows.length > CONVERSATIONS_PER_PAGE && lastRow
        ? encodeCursor(lastRow.last_message_at, lastRow.id)
        : null,
  };
}

/** How many message requests wait for the viewer (the requests box's size). */
export async function countRequests(deps: Pick<Deps, "db">, viewer: Viewer): Promise<number> {
  const row = await deps.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select((eb) => eb.fn.countAll<number>().as("requests"))
    .where("m.account_id", "=", viewer.accountId)
    .where("m.state", "=", "request")
    .where((eb) => eb.not(hiddenRequest(eb, viewer.accountId)))
    .executeTakeFirstOrThrow();
  return Number(row.requests);
}

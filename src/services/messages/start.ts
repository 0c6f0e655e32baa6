import { z } from "zod";
import { Invalid } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";
import type { Deps, Viewer } from "../deps.ts";
import { notify } from "../notifications/notify.ts";
import { parseInput } from "../validate.ts";
import { deliverMessage, type Tx } from "./deliver.ts";
import { MAX_PARTICIPANTS, messageBody } from "./input.ts";
import { standingsTowards } from "./standing.ts";

const startInput = z.object({
  to: z.array(z.string()).default([]),
  body: messageBody,
  title: z.string().trim().max(100, "error.tooLong").default(""),
});

interface Recipient {
  id: string;
  handle: string;
}

/** The local accounts behind the handles, in the order typed, without duplicates or the sender. */
async function findRecipients(deps: Pick<Deps, "db">, viewer: Viewer, to: string[]): Promise<Recipient[]> {
  const handles = [...new Set(to.map(normalizeHandle))].filter((h) => h !== viewer.handle);
  if (handles.length === 0) throw Invalid.field("to", "error.message.recipientRequired");
  if (handles.length > MAX_PARTICIPANTS - 1) {
    throw Invalid.field("to", "error.message.tooManyPeople", { max: MAX_PARTICIPANTS });
  }
  const rows = await deps.db
    .selectFrom("actors")
    .innerJoin("accounts", "accounts.actor_id", "actors.id")
    .select(["actors.id", "actors.handle"])
    .where("actors.handle", "in", handles)
    .where("actors.domain", "is", null)
    .execute();
  const byHandle = new Map(rows.map((r) => [r.handle, r]));
  return handles.map((handle) => {
    const found = byHandle.get(handle);
    if (!found) throw Invalid.field("to", "error.message.unknownRecipient", { handle });
    return found;
  });
}

async function existingDirect(deps: Tx, directKey: string): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom("conversations")
    .select("id")
    .where("direct_key", "=", directKey)
    .executeTakeFirst();
  return row?.id;
}

/**
 * A new conversation with its members: the sender active, each recipient in their inbox or, for a
 * stranger, with a message request (notified once, here). Returns the 1:1 conversation someone else
 * created a moment ago with the same people, if any.
 */
async function createConversation(
  deps: Tx,
  senderId: string,
  recipients: { id: string; state: "active" | "request" }[],
  shape: { directKey: string | null; title: string },
): Promise<string> {
  const now = deps.clock.now().toISOString();
  const conversationId = deps.newId();
  const created = await deps.db
    .insertInto("conversations")
    .values({
      id: conversationId,
      kind: shape.directKey ? "direct" : "group",
      title: shape.directKey ? "" : shape.title,
      direct_key: shape.directKey,
      created_by: senderId,
      created_at: now,
      last_message_at: now,
    })
    .onConflict((oc) => oc.column("direct_key").doNothing())
    .executeTakeFirst();
  if (Number(created.numInsertedOrUpdatedRows ?? 0) === 0 && shape.directKey) {
    const raced = await existingDirect(deps, shape.directKey);
    if (raced) return raced;
  }
  const member = (accountId: string, state: "active" | "request") => ({
    conversation_id: conversationId,
    account_id: accountId,
    state,
    last_message_at: now,
    last_read_at: null,
    joined_at: now,
  });
  await deps.db
    .insertInto("conversation_members")
    .values([member(senderId, "active"), ...recipients.map((r) => member(r.id, r.state))])
    .execute();
  for (const r of recipients.filter((r) => r.state === "request")) {
    await notify(deps, {
      recipientId: r.id,
      kind: "message_request",
      actorId: senderId,
      subjectId: conversationId,
    });
  }
  return conversationId;
}

/**
 * Writes to one person (reusing the 1:1 conversation with them, if any) or to a small group. Anyone
 * may take the initiative: a recipient who is not connected to the sender and does not follow them
 * gets a message request, which they may accept or decline. Refused when either blocked the other.
 */
export async function startConversation(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  input: { to: string[]; body: string; title?: string },
): Promise<{ conversationId: string; messageId: string }> {
  const { to, body, title } = parseInput(startInput, input);
  const recipients = await findRecipients(deps, viewer, to);
  const me = viewer.accountId;
  const standings = await standingsTowards(
    deps.db,
    me,
    recipients.map((r) => r.id),
  );
  const blocked = recipients.find((r) => standings.get(r.id)?.blocked);
  if (blocked) throw Invalid.field("to", "error.message.blocked", { handle: blocked.handle });

  const [only] = recipients;
  const directKey = recipients.length === 1 && only ? [me, only.id].sort().join(":") : null;
  const placed = recipients.map((r) => ({
    id: r.id,
    state: standings.get(r.id)?.welcomesSender ? ("active" as const) : ("request" as const),
  }));
  return deps.db.transaction().execute(async (db) => {
    const tx = { ...deps, db };
    const conversationId =
      (directKey ? await existingDirect(tx, directKey) : undefined) ??
      (await createConversation(tx, me, placed, { directKey, title }));
    return { conversationId, ...(await deliverMessage(tx, { conversationId, senderId: me, body })) };
  });
}

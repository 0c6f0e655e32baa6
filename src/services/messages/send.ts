import { z } from "zod";
import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";
import { deliverMessage } from "./deliver.ts";
import { messageBody } from "./input.ts";

const sendInput = z.object({ body: messageBody });

/**
 * Writes in a conversation the viewer takes part in. Replying to a message request accepts it. To
 * anyone else the conversation does not exist.
 */
export async function sendMessage(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  conversationId: string,
  input: { body: string },
): Promise<{ messageId: string }> {
  const { body } = parseInput(sendInput, input);
  return deps.db.transaction().execute(async (db) => {
    const membership = await db
      .selectFrom("conversation_members")
      .select("state")
      .where("conversation_id", "=", conversationId)
      .where("account_id", "=", viewer.accountId)
      .where("state", "in", ["active", "request"])
      .executeTakeFirst();
    if (!membership) throw new NotFound();
    return deliverMessage({ ...deps, db }, { conversationId, senderId: viewer.accountId, body });
  });
}

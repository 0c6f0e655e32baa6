import { z } from "zod";
import { NotFound } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { hashPassword } from "../security/passwords.ts";
import { hashToken } from "../security/tokens.ts";
import { forgetAccountSessions } from "../sessions/cache.ts";
import { parseInput } from "../validate.ts";
import { newPasswordField } from "./fields.ts";

const schema = z.object({ password: newPasswordField });

/** Throws NotFound("error.reset.invalid") when the link is unknown, used or expired. */
export async function findPasswordReset(
  deps: Pick<Deps, "db" | "clock">,
  token: string,
): Promise<{ id: string; accountId: string }> {
  const row = await deps.db
    .selectFrom("password_resets")
    .select(["id", "account_id", "expires_at", "used_at"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= deps.clock.now().toISOString()) {
    throw new NotFound("error.reset.invalid");
  }
  return { id: row.id, accountId: row.account_id };
}

/** Sets a new password through a one-time link, uses the link up and signs out every session. */
export async function resetPassword(deps: Deps, token: string, input: z.input<typeof schema>): Promise<void> {
  const reset = await findPasswordReset(deps, token);
  const data = parseInput(schema, input);
  const passwordHash = await hashPassword(data.password, deps.passwordCost);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const used = await tx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) throw new NotFound("error.reset.invalid");
    await tx
      .updateTable("accounts")
      .set({ password_hash: passwordHash })
      .where("actor_id", "=", reset.accountId)
      .execute();
    await tx.deleteFrom("sessions").where("account_id", "=", reset.accountId).execute();
  });
  forgetAccountSessions(deps.db, reset.accountId);
}

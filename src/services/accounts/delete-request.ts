import { z } from "zod";
import { Invalid } from "../../domain/errors.ts";
import { addSeconds, type Deps, type Viewer } from "../deps.ts";
import { verifyPassword } from "../security/passwords.ts";
import { forgetAccountSessions } from "../sessions/cache.ts";
import { parseInput } from "../validate.ts";

/** Days between the request and the removal; signing in again before then cancels it. */
export const DELETION_GRACE_DAYS = 30;

const schema = z.object({
  password: z.string({ error: "error.required" }).min(1, "error.required").max(1000, "error.password.wrong"),
  confirm: z.literal("on", { error: "error.deletion.confirm" }),
});

/**
 * Schedules the account's deletion after the grace period and signs it out everywhere. Asks for the
 * password and an explicit confirmation.
 */
export async function requestDeletion(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  input: { password?: string | undefined; confirm?: string | undefined },
): Promise<{ purgeAt: string }> {
  const data = parseInput(schema, input);
  const account = await deps.db
    .selectFrom("accounts")
    .select("password_hash")
    .where("actor_id", "=", viewer.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(data.password, account.password_hash))) {
    throw Invalid.field("password", "error.password.wrong");
  }
  const now = deps.clock.now();
  const purgeAt = addSeconds(now, DELETION_GRACE_DAYS * 24 * 3600);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("account_deletions")
      .values({ account_id: viewer.accountId, requested_at: now.toISOString(), purge_at: purgeAt })
      .onConflict((oc) =>
        oc.column("account_id").doUpdateSet({ requested_at: now.toISOString(), purge_at: purgeAt }),
      )
      .execute();
    await tx.deleteFrom("sessions").where("account_id", "=", viewer.accountId).execute();
  });
  forgetAccountSessions(deps.db, viewer.accountId);
  return { purgeAt };
}

/** Called on sign-in: a pending deletion is cancelled. Returns whether there was one. */
export async function cancelDeletion(deps: Pick<Deps, "db">, accountId: string): Promise<boolean> {
  const result = await deps.db
    .deleteFrom("account_deletions")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

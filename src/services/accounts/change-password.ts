import { z } from "zod";
import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import { revokeOtherSessions } from "../sessions/revoke.ts";
import { parseInput } from "../validate.ts";
import { newPasswordField } from "./fields.ts";

const schema = z.object({
  currentPassword: z.string({ error: "error.required" }).min(1, "error.required"),
  newPassword: newPasswordField,
});

/** Changes the password after checking the current one, and signs out every other session. */
export async function changePassword(
  deps: Deps,
  viewer: Viewer,
  input: z.input<typeof schema>,
): Promise<void> {
  const data = parseInput(schema, input);
  const account = await deps.db
    .selectFrom("accounts")
    .select("password_hash")
    .where("actor_id", "=", viewer.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(data.currentPassword, account.password_hash))) {
    throw Invalid.field("currentPassword", "error.password.wrong");
  }
  const passwordHash = await hashPassword(data.newPassword, deps.passwordCost);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("accounts")
      .set({ password_hash: passwordHash })
      .where("actor_id", "=", viewer.accountId)
      .execute();
    await revokeOtherSessions({ db: tx }, viewer);
  });
}

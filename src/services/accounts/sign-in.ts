import { z } from "zod";
import { Invalid } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";
import type { Deps } from "../deps.ts";
import { dummyHash, verifyPassword } from "../security/passwords.ts";
import { assertUnderLimit, clearHits, countHit, type Limit } from "../security/rate-limit.ts";
import { createSession, type SessionContext } from "../sessions/create.ts";
import { parseInput } from "../validate.ts";
import { cancelDeletion } from "./delete-request.ts";

const schema = z.object({
  login: z
    .string({ error: "error.required" })
    .trim()
    .min(1, "error.required")
    .max(254, "error.signIn.failed"),
  password: z.string({ error: "error.required" }).min(1, "error.required").max(1000, "error.signIn.failed"),
});
export type SignInInput = z.input<typeof schema>;

/** Failed attempts allowed per window: per account (guessing one password) and per IP (spraying many). */
const WINDOW_SECONDS = 15 * 60;
const accountLimit = (login: string): Limit => ({
  key: `signin:account:${login}`,
  max: 10,
  windowSeconds: WINDOW_SECONDS,
});
const ipLimit = (ip: string): Limit => ({ key: `signin:ip:${ip}`, max: 50, windowSeconds: WINDOW_SECONDS });

/** Checks a handle-or-email and password, and opens a session. One message for every failure. */
export async function signIn(
  deps: Deps,
  input: SignInInput,
  context: SessionContext,
): Promise<{ token: string; accountId: string; deletionCancelled: boolean }> {
  const data = parseInput(schema, input);
  const login =
    data.login.includes("@") && !data.login.startsWith("@")
      ? data.login.toLowerCase()
      : normalizeHandle(data.login);
  await assertUnderLimit(deps, ipLimit(context.ip));
  await assertUnderLimit(deps, accountLimit(login));

  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("actors as p", "p.id", "a.actor_id")
    .select(["a.actor_id", "a.password_hash"])
    .where((eb) =>
      eb.or([eb("a.email", "=", login), eb.and([eb("p.handle", "=", login), eb("p.domain", "is", null)])]),
    )
    .executeTakeFirst();
  const ok = await verifyPassword(
    data.password,
    account?.password_hash ?? (await dummyHash(deps.passwordCost)),
  );
  if (!account || !ok) {
    await countHit(deps, ipLimit(context.ip));
    await countHit(deps, accountLimit(login));
    throw Invalid.field("", "error.signIn.failed");
  }
  await clearHits(deps, accountLimit(login).key);
  // Signing in again during the grace period cancels a requested deletion.
  const deletionCancelled = await cancelDeletion(deps, account.actor_id);
  const { token } = await createSession(deps, account.actor_id, context);
  return { token, accountId: account.actor_id, deletionCancelled };
}

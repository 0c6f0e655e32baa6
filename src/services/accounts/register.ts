import { z } from "zod";
import { isUniqueViolation } from "../../db/errors.ts";
import { Invalid } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { getRegistrationMode } from "../instance/settings.ts";
import { hashPassword } from "../security/passwords.ts";
import { hashToken } from "../security/tokens.ts";
import { parseInput } from "../validate.ts";
import { emailField, handleField, newPasswordField } from "./fields.ts";

const schema = z.object({
  handle: handleField,
  email: emailField,
  password: newPasswordField,
  displayName: z.string().trim().max(100, "error.tooLong").optional(),
  invite: z.string().trim().optional(),
  locale: z.enum(["en", "fr"]).optional(),
});
/** What crosses the boundary: plain strings, validated here. */
export interface RegisterInput {
  handle: string;
  email: string;
  password: string;
  displayName?: string | undefined;
  invite?: string | undefined;
  locale?: string | undefined;
}

export interface Registered {
  accountId: string;
  handle: string;
  role: "admin" | "member";
}

/**
 * Creates a local account. The first account of an instance becomes its admin whatever the
 * registration mode; after that, the mode (open / invite-only / closed) decides, unless the operator
 * creates an admin from the command line (`asAdmin`).
 */
export async function register(
  deps: Deps,
  input: RegisterInput,
  options: { asAdmin?: boolean } = {},
): Promise<Registered> {
  const data = parseInput(schema, input);
  const passwordHash = await hashPassword(data.password, deps.passwordCost);
  const now = deps.clock.now().toISOString();
  const id = deps.newId();

  try {
    return await createAccount(deps, data, passwordHash, id, now, options.asAdmin === true);
  } catch (error) {
    // Two sign-ups raced for the same handle or email: the loser gets the same answer as a sequential one.
    if (isUniqueViolation(error)) throw Invalid.field("handle", "error.handle.taken");
    throw error;
  }
}

async function createAccount(
  deps: Deps,
  data: z.output<typeof schema>,
  passwordHash: string,
  id: string,
  now: string,
  asAdmin: boolean,
): Promise<Registered> {
  return deps.db.transaction().execute(async (tx) => {
    const { count } = await tx
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    const isFirst = Number(count) === 0;

    let inviteId: string | null = null;
    // The operator (CLI) may always add an admin; the first account is the admin whatever the mode.
    if (!isFirst && !asAdmin) {
      const mode = await getRegistrationMode(tx);
      if (mode === "closed") throw Invalid.field("", "error.registration.closed");
      if (mode === "invite" || data.invite) {
        const invite = data.invite
          ? await tx
              .selectFrom("registration_invites")
              .select(["id", "expires_at", "used_at"])
              .where("token_hash", "=", hashToken(data.invite))
              .executeTakeFirst()
          : undefined;
        if (!invite || invite.used_at || invite.expires_at <= now) {
          throw Invalid.field("", data.invite ? "error.invite.invalid" : "error.registration.inviteOnly");
        }
        inviteId = invite.id;
      }
    }

    const taken = await tx
      .selectFrom("actors")
      .select("id")
      .where("handle", "=", data.handle)
      .where("domain", "is", null)
      .executeTakeFirst();
    const emailTaken = await tx
      .selectFrom("accounts")
      .select("actor_id")
      .where("email", "=", data.email)
      .executeTakeFirst();
    if (taken || emailTaken) {
      throw new Invalid({
        ...(taken ? { handle: { key: "error.handle.taken" } } : {}),
        ...(emailTaken ? { email: { key: "error.email.taken" } } : {}),
      });
    }

    const role = isFirst || asAdmin ? "admin" : "member";
    await tx
      .insertInto("actors")
      .values({
        id,
        handle: data.handle,
        domain: null,
        uri: `${deps.config.publicUrl}/users/${id}`,
        inbox_url: `${deps.config.publicUrl}/users/${id}/inbox`,
        shared_inbox_url: `${deps.config.publicUrl}/inbox`,
        public_key_pem: null,
        display_name: data.displayName || data.handle,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto("accounts")
      .values({
        actor_id: id,
        email: data.email,
        password_hash: passwordHash,
        role,
        locale: data.locale ?? null,
        time_zone: null,
        created_at: now,
      })
      .execute();
    if (inviteId) {
      await tx
        .updateTable("registration_invites")
        .set({ used_at: now, used_by: id })
        .where("id", "=", inviteId)
        .where("used_at", "is", null)
        .execute();
    }
    return { accountId: id, handle: data.handle, role };
  });
}

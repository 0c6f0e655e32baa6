import { establishConnection } from "../../src/services/connections/establish.ts";
import { type HowWeMet, NO_HOW_WE_MET } from "../../src/services/connections/how-we-met.ts";
import type { Deps, Viewer } from "../../src/services/deps.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";

/** Shared set-up of the direct-message suites: people, connections, follows. */
export interface Person extends TestAccount {
  viewer: Viewer;
}

export async function person(deps: Deps, handle: string, displayName?: string): Promise<Person> {
  const account = await createAccount(deps, { handle, displayName });
  return { ...account, viewer: await viewerFor(deps, account) };
}

/** Connects two people the one real way; `howWeMet` is the first person's own note. */
export async function connect(
  deps: Deps,
  a: Person,
  b: Person,
  howWeMet: Partial<HowWeMet> = {},
): Promise<void> {
  await establishConnection(deps, {
    initiatorId: a.accountId,
    otherId: b.accountId,
    requestId: null,
    initiatorHowWeMet: { ...NO_HOW_WE_MET, ...howWeMet },
  });
}

export async function follow(deps: Deps, follower: Person, followee: Person): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto("follows")
    .values({
      id: deps.newId(),
      follower_id: follower.accountId,
      followee_id: followee.accountId,
      status: "accepted",
      uri: null,
      created_at: now,
      accepted_at: now,
    })
    .execute();
}

export async function blockRow(
  deps: Deps,
  owner: Person,
  target: Person,
  table: "blocks" | "mutes" = "blocks",
) {
  await deps.db
    .insertInto(table)
    .values({
      owner_id: owner.accountId,
      target_id: target.accountId,
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
}

export async function stateOf(deps: Deps, conversationId: string, member: Person) {
  const row = await deps.db
    .selectFrom("conversation_members")
    .select(["state", "unread_count", "last_read_at"])
    .where("conversation_id", "=", conversationId)
    .where("account_id", "=", member.accountId)
    .executeTakeFirstOrThrow();
  return { ...row, unread_count: Number(row.unread_count) };
}

/**
 * Removal of an account's personal data after its grace period (a daily job). The account's actor row
 * goes, and with it, through ON DELETE CASCADE, everything that hangs off it in every area (sessions,
 * profile tags, follows, connections, requests, contacts, the ledger, messages, imports, exports…).
 * What a foreign key cannot reach is removed here: other people's ledger facts about the person,
 * jobs naming them, rate-limit counters keyed by their handle or email, and stored files: the avatar,
 * exports, import uploads, and the images of every post that goes with the account (theirs, and the
 * comments in their threads, which the cascade takes).
 * Their comments in other people's threads go as a deleted comment does (src/services/posts/delete.ts):
 * one with someone else's reply under it stays as a placeholder that no longer names them, so that
 * the others' words stay readable in place.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { removeExpiredExports } from "../export/request.ts";
import { deleteUploads } from "../imports/uploads.ts";
import { type Leftovers, readThreads, removeComments } from "../posts/delete.ts";
import { forgetEntries } from "../timelines/forget-post.ts";

const STALE_IMPORT_DAYS = 30;

/**
 * The files of the post images the account's removal takes with it: posts they wrote (their comments
 * that become placeholders too) and the threads they started (every post of a thread has the root's
 * author as its audience).
 */
async function postImageFiles(db: Kysely<Database>, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("post_media as m")
    .innerJoin("posts as p", "p.id", "m.post_id")
    .select(["m.storage_key", "m.thumb_key"])
    .where((eb) => eb.or([eb("p.author_id", "=", accountId), eb("p.audience_id", "=", accountId)]))
    .execute();
  return rows.flatMap((r) => [r.storage_key, r.thumb_key]);
}

/**
 * Their comments in threads that stay (other people's): removed, or turned into placeholders where
 * someone else's reply is under them, in the purge's transaction, before the cascade would take the
 * replies with them.
 */
async function removeTheirComments(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  accountId: string,
  left: Leftovers,
): Promise<void> {
  const roots = await deps.db
    .selectFrom("posts")
    .select("root_id")
    .distinct()
    .where("author_id", "=", accountId)
    .where("audience_id", "<>", accountId)
    .where("root_id", "is not", null)
    .execute();
  const threads = await readThreads(
    deps.db,
    roots.flatMap((r) => (r.root_id ? [r.root_id] : [])),
  );
  await removeComments(deps, threads, deps.clock.now().toISOString(), left, (thread) => {
    return new Set(thread.flatMap((p) => (p.authorId === accountId ? [p.id] : [])));
  });
}

export async function purgeAccount(
  deps: Pick<Deps, "db" | "storage" | "clock" | "newId">,
  accountId: string,
): Promise<boolean> {
  const actor = await deps.db
    .selectFrom("actors")
    .leftJoin("accounts", "accounts.actor_id", "actors.id")
    .select(["actors.handle", "actors.avatar_key", "accounts.email"])
    .where("actors.id", "=", accountId)
    .where("actors.domain", "is", null)
    .executeTakeFirst();
  if (!actor) return false;
  const uploads = (
    await deps.db.selectFrom("imports").select("file_key").where("owner_id", "=", accountId).execute()
  ).map((i) => i.file_key);
  const left: Leftovers = { keys: [], entries: [] };
  const files = [
    ...(actor.avatar_key ? [actor.avatar_key] : []),
    ...(
      await deps.db.selectFrom("exports").select("file_key").where("owner_id", "=", accountId).execute()
    ).map((e) => e.file_key),
    ...(await postImageFiles(deps.db, accountId)),
  ].filter((k): k is string => !!k);
  await deps.db.transaction().execute(async (tx) => {
    await removeTheirComments({ ...deps, db: tx }, accountId, left);
    // Others' ledgers: facts about the person (other_key is the actor id for actor parties).
    await tx
      .deleteFrom("interactions")
      .where((eb) => eb.or([eb("other_actor_id", "=", accountId), eb("other_key", "=", accountId)]))
      .execute();
    await tx.updateTable("reports").set({ resolved_by: null }).where("resolved_by", "=", accountId).execute();
    const keys = [
      `signin:account:${actor.handle}`,
      ...(actor.email ? [`signin:account:${actor.email}`] : []),
    ];
    await tx.deleteFrom("rate_limits").where("key", "in", keys).execute();
    await tx
      .deleteFrom("jobs")
      .where("status", "!=", "running")
      .where("payload", "like", `%${accountId}%`)
      .execute();
    // Conversations this person started stay with the others in them (only this person's messages go).
    await tx
      .updateTable("conversations")
      .set((eb) => ({
        // The pair key names the person: the conversation stays, no longer findable as "our chat".
        direct_key: null,
        created_by: eb
          .selectFrom("conversation_members as m")
          .select("m.account_id")
          .whereRef("m.conversation_id", "=", "conversations.id")
          .where("m.account_id", "<>", accountId)
          .orderBy("m.account_id")
          .limit(1)
          .$castTo<string>(),
      }))
      .where("created_by", "=", accountId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("conversation_members as m")
            .select("m.account_id")
            .whereRef("m.conversation_id", "=", "conversations.id")
            .where("m.account_id", "<>", accountId),
        ),
      )
      .execute();
    await tx
      .updateTable("conversations")
      .set({ direct_key: null })
      .where("direct_key", "like", `%${accountId}%`)
      .execute();
    await tx.deleteFrom("actors").where("id", "=", accountId).execute();
  });
  await forgetEntries(deps.db, left.entries);
  for (const key of new Set([...files, ...left.keys])) await deps.storage.delete(key);
  for (const key of uploads) await deleteUploads(deps.storage, key);
  return true;
}

/** The daily job: accounts past their grace period, expired exports, imports left unfinished for a month. */
export async function purgeDeletedAccounts(
  deps: Pick<Deps, "db" | "clock" | "storage" | "newId">,
): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .selectFrom("account_deletions")
    .select("account_id")
    .where("purge_at", "<=", now.toISOString())
    .execute();
  let purged = 0;
  for (const d of due) if (await purgeAccount(deps, d.account_id)) purged++;
  await removeExpiredExports(deps);
  const stale = await deps.db
    .selectFrom("imports")
    .select(["id", "file_key"])
    .where("status", "in", ["review", "failed", "parsing"])
    .where("updated_at", "<", new Date(now.getTime() - STALE_IMPORT_DAYS * 86_400_000).toISOString())
    .execute();
  for (const i of stale) {
    await deps.db.deleteFrom("imports").where("id", "=", i.id).execute();
    await deleteUploads(deps.storage, i.file_key);
  }
  return purged;
}

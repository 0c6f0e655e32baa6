import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { requestDeletion } from "../../src/services/accounts/delete-request.ts";
import { signIn } from "../../src/services/accounts/sign-in.ts";
import { acceptConnectionRequest } from "../../src/services/connections/accept.ts";
import { sendConnectionRequest } from "../../src/services/connections/request.ts";
import { createContact } from "../../src/services/contacts/create.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { requestExport } from "../../src/services/export/request.ts";
import { follow } from "../../src/services/follows/follow.ts";
import { commitReviewed } from "../../src/services/imports/decide.ts";
import { startImport } from "../../src/services/imports/start.ts";
import { enqueue } from "../../src/services/jobs/queue.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { sendMessage } from "../../src/services/messages/send.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { block } from "../../src/services/moderation/block.ts";
import { reportAccount } from "../../src/services/moderation/report.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { resolveSession } from "../../src/services/sessions/resolve.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, DEFAULT_PASSWORD, type TestAccount, viewerFor } from "../helpers/factories.ts";
import { png } from "../web/posts.fixtures.ts";
import { linkedInZip, runJobs } from "./imports.fixtures.ts";

const DAY = 24 * 3600 * 1000;
const CONTEXT = { ip: "127.0.0.1", userAgent: "test" };

/** Every text cell of every table that contains one of `needles` (table and column named). */
async function traces(ctx: TestContext, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const tables = await ctx.deps.db.introspection.getTables();
  for (const table of tables) {
    if (table.name.startsWith("kysely_")) continue;
    const rows = (
      await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(ctx.deps.db)
    ).rows;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== "string") continue;
        const lower = value.toLowerCase();
        for (const needle of needles)
          if (lower.includes(needle)) found.push(`${table.name}.${column}: ${value.slice(0, 80)}`);
      }
    }
  }
  return found;
}

describe("account deletion", () => {
  let ctx: TestContext;
  let zoe: TestAccount;
  let zoeViewer: Viewer;
  let bob: Viewer;
  let mediaKeys: string[] = [];

  before(async () => {
    ctx = await createTestContext();
    zoe = await createAccount(ctx.deps, {
      handle: "zoequux",
      email: "zoe.quux@example.test",
      displayName: "Zoé Quux",
    });
    zoeViewer = await viewerFor(ctx.deps, zoe);
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "bob", displayName: "Bob" }));
    const carol = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "carol" }));
    // A life on the instance: a connection, follows, messages, contacts, an import, an export, a block…
    const { requestId } = await sendConnectionRequest(ctx.deps, zoeViewer, bob.accountId, { note: "Hi Bob" });
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    await follow(ctx.deps, bob, zoe.accountId);
    await follow(ctx.deps, zoeViewer, carol.accountId);
    const lunch = await startConversation(ctx.deps, zoeViewer, { to: ["bob"], body: "Lunch?" });
    // Bob's answer in the conversation Zoé started stays his after she is gone.
    await sendMessage(ctx.deps, bob, lunch.conversationId, { body: "Sure, at noon" });
    await startConversation(ctx.deps, bob, { to: ["zoequux", "carol"], body: "Group plan", title: "Trip" });
    await createContact(ctx.deps, zoeViewer, {
      name: "Offline friend",
      metWhere: "Park",
      metOn: "2026-01-01",
    });
    // Bob keeps Zoé in his own address book too; his contact stays his, unlinked.
    const bobContact = await createContact(ctx.deps, bob, { name: "Zoé (work)" });
    await ctx.deps.db
      .updateTable("contacts")
      .set({ linked_actor_id: zoe.accountId })
      .where("id", "=", bobContact.id)
      .execute();
    await block(ctx.deps, zoeViewer, carol.accountId);
    await reportAccount(ctx.deps, carol, zoe.accountId, { reason: "Sends the same advert to everyone" });
    const { id } = await startImport(ctx.deps, zoeViewer, { fileName: "linkedin.zip", data: linkedInZip() });
    await runJobs(ctx);
    await commitReviewed(ctx.deps, zoeViewer, id, {});
    await requestExport(ctx.deps, zoeViewer);
    await runJobs(ctx);
    await ctx.deps.db
      .updateTable("actors")
      .set({ avatar_key: `avatars/${zoe.accountId}-abc.webp` })
      .where("id", "=", zoe.accountId)
      .execute();
    await ctx.deps.storage.put(`avatars/${zoe.accountId}-abc.webp`, new Uint8Array([1, 2, 3]));
    // A photo of hers, and Bob's comment with a photo under it: both go with her post.
    const photo = { bytes: await png(), alt: "A lake", credit: "" };
    const post = await createPost(ctx.deps, zoeViewer, { body: "At the lake", visibility: "public" }, [
      photo,
    ]);
    await createPost(ctx.deps, bob, { body: "Lovely", visibility: "public", parentId: post.id }, [photo]);
    mediaKeys = (
      await ctx.deps.db.selectFrom("post_media").select(["storage_key", "thumb_key"]).execute()
    ).flatMap((m) => [m.storage_key, m.thumb_key]);
    assert.equal(mediaKeys.length, 4);
  });
  after(() => ctx.close());

  it("asks for the password and a confirmation", async () => {
    await assert.rejects(requestDeletion(ctx.deps, zoeViewer, { password: "wrong one", confirm: "on" }), {
      name: "Invalid",
      message: "error.password.wrong",
    });
    await assert.rejects(requestDeletion(ctx.deps, zoeViewer, { password: DEFAULT_PASSWORD }), {
      name: "Invalid",
      message: "error.deletion.confirm",
    });
  });

  it("signs out everywhere; signing in again within 30 days cancels it", async () => {
    const session = await signIn(ctx.deps, { login: "zoequux", password: DEFAULT_PASSWORD }, CONTEXT);
    const { purgeAt } = await requestDeletion(ctx.deps, zoeViewer, {
      password: DEFAULT_PASSWORD,
      confirm: "on",
    });
    assert.equal(purgeAt, "2026-04-01T09:00:00.000Z");
    assert.equal(await resolveSession(ctx.deps, session.token), null);
    ctx.clock.advance(29 * DAY);
    const again = await signIn(
      ctx.deps,
      { login: "zoe.quux@example.test", password: DEFAULT_PASSWORD },
      CONTEXT,
    );
    assert.equal(again.deletionCancelled, true);
    ctx.clock.advance(2 * DAY);
    await enqueue(ctx.deps, { kind: "accounts.purgeDeleted" });
    await drainJobs(ctx.deps);
    assert.ok(
      await ctx.deps.db
        .selectFrom("accounts")
        .select("actor_id")
        .where("actor_id", "=", zoe.accountId)
        .executeTakeFirst(),
    );
    const next = await signIn(ctx.deps, { login: "zoequux", password: DEFAULT_PASSWORD }, CONTEXT);
    assert.equal(next.deletionCancelled, false);
  });

  it("after the grace period, leaves nothing of the person anywhere", async () => {
    const viewer = await viewerFor(ctx.deps, zoe);
    await requestDeletion(ctx.deps, viewer, { password: DEFAULT_PASSWORD, confirm: "on" });
    ctx.clock.advance(29 * DAY);
    await enqueue(ctx.deps, { kind: "accounts.purgeDeleted" });
    await drainJobs(ctx.deps);
    assert.ok((await traces(ctx, [zoe.accountId])).length > 0, "still there during the grace period");
    ctx.clock.advance(2 * DAY);
    await enqueue(ctx.deps, { kind: "accounts.purgeDeleted" });
    await drainJobs(ctx.deps);
    const left = await traces(ctx, [zoe.accountId, "zoequux", "zoe.quux", "zoé quux"]);
    assert.deepEqual(left, []);
    assert.equal(await ctx.deps.storage.get(`avatars/${zoe.accountId}-abc.webp`), null);
    for (const key of mediaKeys) assert.equal(await ctx.deps.storage.get(key), null, key);
    const exportFiles = await ctx.deps.db.selectFrom("exports").selectAll().execute();
    assert.deepEqual(exportFiles, []);
    // Other people keep their own data: Bob's account, his contact (unlinked), his group conversation.
    const bobContact = await ctx.deps.db
      .selectFrom("contacts")
      .select(["name", "linked_actor_id"])
      .where("owner_id", "=", bob.accountId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...bobContact }, { name: "Zoé (work)", linked_actor_id: null });
    const bobMessages = await ctx.deps.db
      .selectFrom("messages")
      .select("body")
      .where("sender_id", "=", bob.accountId)
      .execute();
    assert.deepEqual(bobMessages.map((m) => m.body).sort(), ["Group plan", "Sure, at noon"]);
    await assert.rejects(signIn(ctx.deps, { login: "zoequux", password: DEFAULT_PASSWORD }, CONTEXT), {
      name: "Invalid",
    });
  });
});

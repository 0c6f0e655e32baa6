import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { updatePrivacy } from "../../src/services/accounts/privacy.ts";
import { follow, unfollow } from "../../src/services/follows/follow.ts";
import { answerFollowRequest } from "../../src/services/follows/requests.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

describe("follows and locked accounts", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  const status = (followerId: string, followeeId: string) =>
    ctx.deps.db
      .selectFrom("follows")
      .select("status")
      .where("follower_id", "=", followerId)
      .where("followee_id", "=", followeeId)
      .executeTakeFirst()
      .then((r) => r?.status ?? "none");

  it("follows at once, notifies, writes a ledger fact, and unfollows", async () => {
    const a = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "fa" }));
    const b = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "fb" }));
    assert.equal(await follow(ctx.deps, a, b.accountId), "following");
    assert.equal(await follow(ctx.deps, a, b.accountId), "following", "twice changes nothing");
    assert.equal(await status(a.accountId, b.accountId), "accepted");
    const notice = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("recipient_id", "=", b.accountId)
      .execute();
    assert.deepEqual(
      notice.map((x) => x.kind),
      ["follow"],
    );
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select("kind")
      .where("owner_id", "=", a.accountId)
      .execute();
    assert.deepEqual(
      facts.map((f) => f.kind),
      ["follow"],
    );
    await unfollow(ctx.deps, a, b.accountId);
    assert.equal(await status(a.accountId, b.accountId), "none");
  });

  it("a locked account approves or declines, and unlocking approves the waiting ones", async () => {
    const owner = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "locked_owner" }));
    const x = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "fx" }));
    const y = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "fy" }));
    const z = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "fz" }));
    await updatePrivacy(ctx.deps, owner, { locked: true, discoverable: true });
    assert.equal(await follow(ctx.deps, x, owner.accountId), "requested");
    await follow(ctx.deps, y, owner.accountId);
    await follow(ctx.deps, z, owner.accountId);
    await answerFollowRequest(ctx.deps, owner, x.accountId, "approve");
    await answerFollowRequest(ctx.deps, owner, y.accountId, "decline");
    assert.equal(await status(x.accountId, owner.accountId), "accepted");
    assert.equal(await status(y.accountId, owner.accountId), "none");
    await assert.rejects(answerFollowRequest(ctx.deps, owner, y.accountId, "approve"), { name: "NotFound" });
    await updatePrivacy(ctx.deps, owner, { locked: false, discoverable: true });
    assert.equal(await status(z.accountId, owner.accountId), "accepted");
    const kinds = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("recipient_id", "=", z.accountId)
      .execute();
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ["follow_accepted"],
    );
  });
});

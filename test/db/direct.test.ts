import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { badgeCounts } from "../../src/services/notifications/badges.ts";
import { notify } from "../../src/services/notifications/notify.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount } from "../helpers/factories.ts";

describe("compiled-once reads", () => {
  let ctx: TestContext;
  let ada: TestAccount;
  let bob: TestAccount;
  before(async () => {
    ctx = await createTestContext();
    ada = await createAccount(ctx.deps, { handle: "ada" });
    bob = await createAccount(ctx.deps, { handle: "bob" });
  });
  after(() => ctx.close());

  it("never read another caller's uncommitted writes", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted = () => {};
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const rolledBack = ctx.deps.db
      .transaction()
      .execute(async (tx) => {
        await notify(
          { ...ctx.deps, db: tx },
          { recipientId: ada.accountId, kind: "follow", actorId: bob.accountId },
        );
        inserted();
        await gate;
        throw new Error("changed my mind");
      })
      .catch(() => "rolled back");
    await insertedYet;
    // The transaction is open (on SQLite, on the one connection) with its row written: a read now
    // must wait for it, and then see nothing.
    const counting = badgeCounts(ctx.deps.db, ada.accountId);
    release();
    assert.equal(await rolledBack, "rolled back");
    assert.equal((await counting).notifications, 0);
    await notify(ctx.deps, { recipientId: ada.accountId, kind: "follow", actorId: bob.accountId });
    assert.equal((await badgeCounts(ctx.deps.db, ada.accountId)).notifications, 1);
  });
});

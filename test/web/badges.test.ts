import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notify } from "../../src/services/notifications/notify.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

describe("navigation badges", () => {
  let ctx: TestContext;
  let ada: TestAccount;
  let others: TestAccount[];
  before(async () => {
    ctx = await createTestContext();
    ada = await createAccount(ctx.deps, { handle: "ada" });
    others = await Promise.all(["bo", "cy"].map((handle) => createAccount(ctx.deps, { handle })));
  });
  after(() => ctx.close());

  const badge = async (lang: string) => {
    const client = await signedInClient(ctx, ada, { "accept-language": lang });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: null })
      .where("actor_id", "=", ada.accountId)
      .execute();
    const html = await (await client.get("/")).text();
    return /href="\/notifications"[^>]*>[^<]*<span class="badge"><span aria-hidden="true">([^<]+)<\/span><span class="visually-hidden">([^<]+)</.exec(
      html,
    );
  };

  it("count unread notifications exactly up to 99, then say 99+ without counting further", async () => {
    const add = async (n: number) => {
      for (let i = 0; i < n; i++)
        await notify(ctx.deps, {
          recipientId: ada.accountId,
          kind: "follow",
          actorId: others[i % 2]?.accountId ?? "",
        });
    };
    await add(99);
    let shown = await badge("en");
    assert.equal(shown?.[1], "99");
    assert.equal(shown?.[2], "99 unread");
    await add(150);
    shown = await badge("en");
    assert.equal(shown?.[1], "99+");
    assert.equal(shown?.[2], "more than 99 unread");
    assert.equal((await badge("fr"))?.[2], "plus de 99 non lues");
  });
});

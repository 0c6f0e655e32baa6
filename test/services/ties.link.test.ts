import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createContact } from "../../src/services/contacts/create.ts";
import { linkContactToActor } from "../../src/services/contacts/link.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { adjustTie } from "../../src/services/ties/adjust.ts";
import { addImportantDate } from "../../src/services/ties/dates.ts";
import { loadTieFacts } from "../../src/services/ties/facts.ts";
import { logInteraction } from "../../src/services/ties/log.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

/** An offline contact who joins: what the owner kept about the tie follows it to the account. */
describe("linking a contact to the member it turned out to be", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let dana: Viewer;
  before(async () => {
    ctx = await createTestContext();
    alice = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "alice" }));
    dana = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "dana" }));
  });
  after(() => ctx.close());

  it("carries the facts, the settings and the important dates, and recomputes the member's tie", async () => {
    const { id: contactId } = await createContact(ctx.deps, alice, {
      name: "Dana",
      metWhere: "Climbing gym",
    });
    const ref = { contactId };
    await logInteraction(ctx.deps, alice, ref, {
      what: "coffee",
      date: "2026-02-20",
      note: "Talked about Lyon",
    });
    await adjustTie(ctx.deps, alice, ref, { family: "on", cadenceDays: "21" });
    await addImportantDate(ctx.deps, alice, ref, { kind: "birthday", month: "7", day: "14" });

    await ctx.deps.db
      .transaction()
      .execute((tx) =>
        linkContactToActor(tx, alice.accountId, contactId, dana.accountId, ctx.clock.now().getTime()),
      );

    const ties = await ctx.deps.db
      .selectFrom("ties")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .execute();
    assert.deepEqual(
      ties.map((t) => t.other_key),
      [dana.accountId],
      "one tie, the member's",
    );
    const tie = ties[0];
    assert.equal(tie?.family, 1);
    assert.equal(tie?.cadence_days, 21);
    assert.ok(tie?.first_at?.startsWith("2026-02-20"), "the coffee counts for the member");
    assert.ok((tie?.strength ?? 0) > 0);
    const facts = await loadTieFacts(ctx.deps.db, alice.accountId, dana.accountId);
    assert.ok(facts.some((f) => f.kind === "met_in_person" && f.topic === "Talked about Lyon"));
    const dates = await ctx.deps.db
      .selectFrom("tie_dates")
      .select(["other_key", "month", "day"])
      .where("owner_id", "=", alice.accountId)
      .execute();
    assert.deepEqual(
      dates.map((d) => ({ ...d })),
      [{ other_key: dana.accountId, month: 7, day: 14 }],
    );
  });
});

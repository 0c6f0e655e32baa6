import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decayAll } from "../../src/services/ties/decay.ts";
import { recomputeOwner } from "../../src/services/ties/recompute-owner.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount } from "../helpers/factories.ts";

const DAY = 86_400_000;

/** The daily decay over many owners and pages of ties gives what a full recompute gives. */
describe("ties decay over the whole network", () => {
  let ctx: TestContext;
  const owners: string[] = [];
  let start: number;
  before(async () => {
    ctx = await createTestContext();
    start = ctx.clock.now().getTime();
    const kinds = ["met_in_person", "call", "dm_day_both", "reply", "reaction"];
    for (const [o, ties] of [
      [0, 300], // more ties than one page of the job
      [1, 3],
      [2, 40],
    ] as const) {
      const owner = (await createAccount(ctx.deps, { handle: `owner${o}` })).accountId;
      owners.push(owner);
      const rows = [];
      for (let t = 0; t < ties; t++) {
        const key = `contact-${o}-${String(t).padStart(3, "0")}`;
        // Closer ties have more recent and more frequent facts; some go silent long ago.
        const facts = 1 + (t % 9);
        for (let f = 0; f < facts; f++) {
          const at = new Date(start - (1 + f * (5 + (t % 30)) + (t % 4) * 90) * DAY);
          rows.push({
            id: ctx.deps.newId(),
            owner_id: owner,
            other_key: key,
            other_actor_id: null,
            other_contact_id: key,
            initiator: f % 2 === 0 ? ("owner" as const) : ("other" as const),
            kind: kinds[(t + f) % kinds.length] as string,
            channel: "in_person",
            occurred_at: at.toISOString(),
            day: at.toISOString().slice(0, 10),
            source_type: "test",
            source_id: null,
            note: null,
            created_at: at.toISOString(),
          });
        }
      }
      for (let i = 0; i < rows.length; i += 200)
        await ctx.deps.db
          .insertInto("interactions")
          .values(rows.slice(i, i + 200))
          .execute();
      await recomputeOwner(ctx.deps, owner, start);
    }
  });
  after(() => ctx.close());

  const snapshot = async () =>
    ctx.deps.db
      .selectFrom("ties")
      .select(["owner_id", "other_key", "stage", "strength", "layer", "next_change_at"])
      .orderBy("owner_id")
      .orderBy("other_key")
      .execute();

  for (const [label, days, budgetMs] of [
    ["in one chunk", 20, 60_000],
    ["in one chunk per owner (resuming after each)", 200, 0],
  ] as const) {
    it(`moves strengths, layers and stages as a recompute does, ${label}`, async () => {
      const before = await snapshot();
      const now = start + days * DAY;
      const result = await decayAll(ctx.deps, now, budgetMs);
      assert.equal(result.owners, 3);
      assert.equal(result.ties, 343);
      const decayed = await snapshot();
      for (const owner of owners) await recomputeOwner(ctx.deps, owner, now);
      const recomputed = await snapshot();
      assert.equal(decayed.length, recomputed.length);
      let changed = 0;
      decayed.forEach((row, i) => {
        const want = recomputed[i];
        assert.ok(want);
        assert.equal(row.other_key, want.other_key);
        assert.equal(row.stage, want.stage, `${row.other_key} stage`);
        assert.equal(row.layer, want.layer, `${row.other_key} layer`);
        // Written with the strength when only that moved (one column), with the layer otherwise.
        assert.equal(row.next_change_at, want.next_change_at, `${row.other_key} next change`);
        assert.ok(Math.abs(row.strength - want.strength) < 2e-4, `${row.other_key} strength`);
        if (Math.abs(row.strength - (before[i]?.strength ?? 0)) > 1e-3) changed += 1;
      });
      // The job did write: most strengths fell since the last run.
      assert.ok(changed > decayed.length / 2, `only ${changed} strengths moved`);
    });
  }
});

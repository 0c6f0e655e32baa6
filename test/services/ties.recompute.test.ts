import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Insertable } from "kysely";
import type { InteractionsTable } from "../../src/db/schema.ts";
import { assignLayers, stageOf, type TieState } from "../../src/domain/relationships/index.ts";
import { settingsOf, uncappedLayer } from "../../src/services/ties/columns.ts";
import { loadTieFacts } from "../../src/services/ties/facts.ts";
import { recomputeOwner } from "../../src/services/ties/recompute-owner.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount } from "../helpers/factories.ts";

const DAY = 86_400_000;
const KINDS = ["met_in_person", "call", "dm_day_both", "dm_day_one_way", "reply", "reaction", "comment"];

/**
 * The owner-wide recompute reads the ledger a page at a time in tie order and computes each tie as
 * soon as its facts are read: whatever the page size, every tie comes out as the one-tie recompute
 * (another read of the ledger) makes it, with the Dunbar caps applied over all of them.
 */
describe("recomputing every tie of an owner", () => {
  let ctx: TestContext;
  let owner: string;
  let now: number;
  const keys: string[] = [];

  before(async () => {
    ctx = await createTestContext();
    now = ctx.clock.now().getTime();
    owner = (await createAccount(ctx.deps, { handle: "owner" })).accountId;
    // Two accounts (actor parties) and offline contacts; one tie has more facts than several pages.
    for (const handle of ["anna", "ben"]) keys.push((await createAccount(ctx.deps, { handle })).accountId);
    for (let c = 0; c < 8; c++) keys.push(`contact-${c}`);
    const rows: Insertable<InteractionsTable>[] = [];
    const fact = (
      key: string,
      kind: string,
      initiator: "owner" | "other",
      at: number,
      note: string | null,
    ) => {
      const iso = new Date(at).toISOString();
      const actor = key.startsWith("contact-") ? null : key;
      rows.push({
        id: ctx.deps.newId(),
        owner_id: owner,
        other_key: key,
        other_actor_id: actor,
        other_contact_id: actor ? null : key,
        initiator,
        kind,
        channel: kind === "met_in_person" ? "in_person" : kind.startsWith("dm") ? "dm" : "public",
        occurred_at: iso,
        day: iso.slice(0, 10),
        source_type: "test",
        source_id: null,
        note,
        created_at: iso,
      });
    };
    // Ties of 1 to 133 facts over the same 400 days: their facts interleave in time.
    const counts = [1, 133, 2, 40, 5, 3, 60, 1, 9, 25];
    keys.forEach((key, k) => {
      const count = counts[k] ?? 1;
      const step = Math.floor(400 / count);
      for (let j = 0; j < count; j++) {
        const d = j * step + k;
        const at = now - (400 - d) * DAY + (d % 7) * 3_600_000;
        const kind = KINDS[(j + k) % KINDS.length] as string;
        fact(key, kind, (j + k) % 2 === 0 ? "owner" : "other", at, j % 5 ? null : `topic ${k}.${j}`);
      }
    });
    // Seven close ties (a meeting or a call every day for two months): more than layer 5 holds.
    for (let c = 0; c < 7; c++) {
      const key = `contact-close-${c}`;
      keys.push(key);
      for (let d = 0; d < 60 - c; d++) {
        fact(key, d % 2 ? "call" : "met_in_person", d % 3 ? "other" : "owner", now - (d + 1) * DAY, null);
      }
    }
    // A kind this version does not know (a newer one wrote it): skipped; alone, it makes no tie.
    fact(keys[2] as string, "future_kind", "owner", now - DAY, null);
    fact("contact-unknown-only", "future_kind", "owner", now - DAY, null);
    for (let i = 0; i < rows.length; i += 100)
      await ctx.deps.db
        .insertInto("interactions")
        .values(rows.slice(i, i + 100))
        .execute();
  });
  after(() => ctx.close());

  const snapshot = () =>
    ctx.deps.db.selectFrom("ties").selectAll().where("owner_id", "=", owner).orderBy("other_key").execute();

  it("gives every tie its one-tie recompute, whatever the page size", async () => {
    assert.equal(await recomputeOwner(ctx.deps, owner, now), keys.length);
    const reference = await snapshot();
    assert.deepEqual(
      reference.map((r) => r.other_key),
      [...keys].sort(),
    );
    for (const row of reference) {
      const facts = await loadTieFacts(ctx.deps.db, owner, row.other_key);
      assert.equal(row.state, JSON.stringify(stageOf(settingsOf(row), facts, now)), row.other_key);
      assert.equal(row.other_actor_id, row.other_key.startsWith("contact-") ? null : row.other_key);
    }
    // Pages that end mid-tie, ties spanning several pages, one row per page, everything in one page.
    for (const pageRows of [50, 7, 2, 1, 10_000]) {
      await ctx.deps.db.deleteFrom("ties").where("owner_id", "=", owner).execute();
      assert.equal(await recomputeOwner(ctx.deps, owner, now, pageRows), keys.length);
      assert.deepEqual(await snapshot(), reference, `pages of ${pageRows} rows`);
    }
  });

  it("applies the Dunbar caps over all the ties, as the domain does", async () => {
    const ties = await snapshot();
    const states = await Promise.all(
      ties.map(async (row) =>
        stageOf(settingsOf(row), await loadTieFacts(ctx.deps.db, owner, row.other_key), now),
      ),
    );
    const want = assignLayers(
      ties.map((row, i) => ({
        id: row.other_key,
        layer: uncappedLayer(states[i] as TieState, now),
        strength: row.strength,
      })),
    );
    assert.deepEqual(
      ties.map((row) => [row.other_key, row.layer]),
      want.map((a) => [a.id, a.layer]),
    );
    // The caps did bite: the weakest close ties were moved out of layer 5.
    assert.equal(ties.filter((row) => row.layer === 5).length, 5);
    assert.ok(want.filter((a) => a.demoted).length >= 2);
  });

  it("keeps the owner's settings and overwrites only the derived columns", async () => {
    const family = keys[3] as string;
    await ctx.deps.db
      .updateTable("ties")
      .set({ family: 1, stage: "none", strength: 0 })
      .where("owner_id", "=", owner)
      .where("other_key", "=", family)
      .execute();
    await recomputeOwner(ctx.deps, owner, now, 5);
    const row = (await snapshot()).find((r) => r.other_key === family);
    assert.ok(row);
    assert.ok(row.family);
    const facts = await loadTieFacts(ctx.deps.db, owner, family);
    const state = stageOf(settingsOf(row), facts, now);
    assert.equal(state.settings.family, true);
    assert.equal(row.state, JSON.stringify(state));
    assert.equal(row.stage, state.stage);
  });
});

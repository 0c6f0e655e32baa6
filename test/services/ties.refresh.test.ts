import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { stageOf } from "../../src/domain/relationships/index.ts";
import { acceptConnectionRequest } from "../../src/services/connections/accept.ts";
import { sendConnectionRequest } from "../../src/services/connections/request.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { recordFact } from "../../src/services/ledger/record.ts";
import { sendMessage } from "../../src/services/messages/send.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { todaysSuggestions } from "../../src/services/nurture/today.ts";
import { parseState, settingsOf } from "../../src/services/ties/columns.ts";
import { decayAll, startDecay } from "../../src/services/ties/decay.ts";
import { loadTieFacts } from "../../src/services/ties/facts.ts";
import { logInteraction } from "../../src/services/ties/log.ts";
import { recomputeOwner } from "../../src/services/ties/recompute-owner.ts";
import { recomputeTie, stateAt } from "../../src/services/ties/refresh.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function tieRow(ctx: TestContext, owner: string, other: string) {
  const row = await ctx.deps.db
    .selectFrom("ties")
    .selectAll()
    .where("owner_id", "=", owner)
    .where("other_key", "=", other)
    .executeTakeFirstOrThrow();
  return row;
}

/** The stored tie, let run to now, equals a recompute of its whole ledger. */
async function assertIncrementalEqualsRecompute(ctx: TestContext, owner: string, other: string) {
  const row = await tieRow(ctx, owner, other);
  const now = ctx.clock.now().getTime();
  const facts = await loadTieFacts(ctx.deps.db, owner, other);
  assert.deepStrictEqual(
    JSON.parse(JSON.stringify(stateAt(row, now))),
    JSON.parse(JSON.stringify(stageOf(settingsOf(row), facts, now))),
  );
}

describe("ties follow the ledger: stage and strength as facts are written", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let bob: Viewer;
  before(async () => {
    ctx = await createTestContext();
    alice = await viewerFor(
      ctx.deps,
      await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" }),
    );
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "bob", displayName: "Bob" }));
  });
  after(() => ctx.close());

  it("connect → welcome nudge after 24 h → message → welcomed → reply → consolidating, equal to recompute", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, { note: "Hi" });
    ctx.clock.advance(HOUR);
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    assert.equal((await tieRow(ctx, alice.accountId, bob.accountId)).stage, "connected");
    assert.deepEqual(await todaysSuggestions(ctx.deps, alice), [], "no nudge at once");
    ctx.clock.advance(25 * HOUR);
    const nudges = await todaysSuggestions(ctx.deps, alice);
    assert.equal(nudges.length, 1);
    assert.equal(nudges[0]?.nudge.kind, "welcome");
    assert.equal(nudges[0]?.action.href, "/messages/new?to=bob");
    const { conversationId } = await startConversation(ctx.deps, alice, {
      to: ["bob"],
      body: "Welcome Bob!",
    });
    assert.equal((await tieRow(ctx, alice.accountId, bob.accountId)).stage, "welcomed");
    assert.deepEqual(await todaysSuggestions(ctx.deps, alice), [], "the nudge is gone once Alice wrote");
    ctx.clock.advance(DAY);
    await sendMessage(ctx.deps, bob, conversationId, { body: "Thanks Alice!" });
    assert.equal((await tieRow(ctx, alice.accountId, bob.accountId)).stage, "consolidating");
    await assertIncrementalEqualsRecompute(ctx, alice.accountId, bob.accountId);
    await assertIncrementalEqualsRecompute(ctx, bob.accountId, alice.accountId);
  });

  it("a logged fact dated in the past recomputes the tie, still equal to the ledger's", async () => {
    ctx.clock.advance(3 * DAY);
    const date = new Date(ctx.clock.now().getTime() - 10 * DAY).toISOString().slice(0, 10);
    await logInteraction(ctx.deps, alice, { handle: "bob" }, { what: "coffee", date, note: "climbing trip" });
    const row = await tieRow(ctx, alice.accountId, bob.accountId);
    assert.equal(parseState(row).lastTopic, "climbing trip");
    await assertIncrementalEqualsRecompute(ctx, alice.accountId, bob.accountId);
    // Bob's ledger knows nothing of Alice's private log.
    const bobFacts = await loadTieFacts(ctx.deps.db, bob.accountId, alice.accountId);
    assert.ok(bobFacts.every((f) => f.kind !== "met_in_person"));
  });

  it("the daily decay job moves silent ties to fading and dormant, as a recompute would", async () => {
    await ctx.deps.db
      .updateTable("ties")
      .set({ cadence_days: 30 })
      .where("owner_id", "=", alice.accountId)
      .execute();
    await recomputeTie(ctx.deps, alice.accountId, { actorId: bob.accountId }, ctx.clock.now().getTime());
    ctx.clock.advance(70 * DAY);
    await startDecay(ctx.deps);
    await drainJobs(ctx.deps);
    const row = await tieRow(ctx, alice.accountId, bob.accountId);
    assert.equal(row.stage, parseState(row).stage);
    const facts = await loadTieFacts(ctx.deps.db, alice.accountId, bob.accountId);
    assert.equal(row.stage, stageOf(settingsOf(row), facts, ctx.clock.now().getTime()).stage);
    assert.ok(["fading", "consolidating"].includes(row.stage));
    await assertIncrementalEqualsRecompute(ctx, alice.accountId, bob.accountId);
    ctx.clock.advance(4 * 365 * DAY);
    const result = await decayAll(ctx.deps, ctx.clock.now().getTime());
    assert.ok(result.ties >= 2);
    assert.equal((await tieRow(ctx, alice.accountId, bob.accountId)).stage, "dormant");
    assert.equal((await tieRow(ctx, bob.accountId, alice.accountId)).stage, "dormant");
  });

  it("recomputing an owner creates ties for facts written in bulk (imports) and matches the ledger", async () => {
    const carol = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "carol" }));
    await ctx.deps.db
      .insertInto("interactions")
      .values({
        id: ctx.deps.newId(),
        owner_id: carol.accountId,
        other_key: alice.accountId,
        other_actor_id: alice.accountId,
        other_contact_id: null,
        initiator: "owner",
        kind: "dm_day_one_way",
        channel: "dm",
        occurred_at: ctx.clock.now().toISOString(),
        day: ctx.clock.now().toISOString().slice(0, 10),
        source_type: "import",
        source_id: null,
        note: null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    assert.equal(await recomputeOwner(ctx.deps, carol.accountId, ctx.clock.now().getTime()), 1);
    await assertIncrementalEqualsRecompute(ctx, carol.accountId, alice.accountId);
  });

  it("one fact per kind per tie per day: a repeat leaves the tie untouched", async () => {
    const before = await tieRow(ctx, alice.accountId, bob.accountId);
    const at = ctx.clock.now();
    const fact = { kind: "reaction" as const, channel: "public" as const, at, source: { type: "test" } };
    await recordFact(ctx.deps, alice.accountId, { actorId: bob.accountId }, "owner", fact);
    const once = await tieRow(ctx, alice.accountId, bob.accountId);
    await recordFact(ctx.deps, alice.accountId, { actorId: bob.accountId }, "owner", {
      ...fact,
      at: new Date(at.getTime() + 1000),
    });
    const twice = await tieRow(ctx, alice.accountId, bob.accountId);
    assert.notEqual(once.state, before.state);
    assert.equal(twice.state, once.state);
  });
});

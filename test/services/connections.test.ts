import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Conflict, Invalid } from "../../src/domain/errors.ts";
import { acceptConnectionRequest } from "../../src/services/connections/accept.ts";
import {
  answerConnectionRequest,
  removeConnection,
  withdrawConnectionRequest,
} from "../../src/services/connections/answer.ts";
import {
  listConnectionRequests,
  listConnections,
  welcomePrompts,
} from "../../src/services/connections/list.ts";
import { sendConnectionRequest } from "../../src/services/connections/request.ts";
import { markWelcomed } from "../../src/services/connections/welcome.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { follow } from "../../src/services/follows/follow.ts";
import { relationOf } from "../../src/services/graph/relation.ts";
import { block } from "../../src/services/moderation/block.ts";
import { mute } from "../../src/services/moderation/mute.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

const howWeMet = {
  note: "We spoke about bikes at the Lyon meetup.",
  metWhere: "Lyon meetup",
  metOn: "2026-02-20",
  metThrough: "Inès",
};

describe("connection requests", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let bob: Viewer;
  let carol: Viewer;
  let n = 0;
  before(async () => {
    ctx = await createTestContext();
  });
  beforeEach(async () => {
    n++;
    alice = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: `alice${n}` }));
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: `bob${n}` }));
    carol = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: `carol${n}` }));
  });
  after(() => ctx.close());

  const connectionRows = (a: Viewer, b: Viewer) =>
    ctx.deps.db
      .selectFrom("connections")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb("owner_id", "=", a.accountId), eb("other_id", "=", b.accountId)]),
          eb.and([eb("owner_id", "=", b.accountId), eb("other_id", "=", a.accountId)]),
        ]),
      )
      .execute();

  it("carries a note and 'how we met'; accepting connects both ways, once, and tells the sender", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, howWeMet);
    const inbox = await listConnectionRequests(ctx.deps, bob, "received");
    assert.equal(inbox[0]?.note, howWeMet.note);
    assert.equal(inbox[0]?.metWhere, "Lyon meetup");
    await acceptConnectionRequest(ctx.deps, bob, requestId, { metWhere: "the bike talk" });
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    const rows = await connectionRows(alice, bob);
    assert.equal(rows.length, 2);
    const alicesSide = rows.find((r) => r.owner_id === alice.accountId);
    const bobsSide = rows.find((r) => r.owner_id === bob.accountId);
    assert.equal(alicesSide?.met_where, "Lyon meetup");
    assert.equal(alicesSide?.met_through, "Inès");
    assert.equal(bobsSide?.met_where, "the bike talk", "each side keeps its own 'how we met'");
    assert.equal((await relationOf(ctx.deps, alice, bob.accountId)).relation, "connection");
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select(["recipient_id", "kind"])
      .where("subject_id", "=", requestId)
      .execute();
    assert.deepEqual(
      notes.map((x) => `${x.recipient_id === bob.accountId ? "bob" : "alice"}:${x.kind}`).sort(),
      ["alice:connection_accepted", "bob:connection_request"],
    );
  });

  it("writes the request and the acceptance to both ledgers, initiated by the sender", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select(["owner_id", "other_key", "kind", "initiator"])
      .where("owner_id", "in", [alice.accountId, bob.accountId])
      .orderBy("kind")
      .execute();
    const view = facts
      .map((f) => `${f.owner_id === alice.accountId ? "alice" : "bob"}:${f.kind}:${f.initiator}`)
      .sort();
    assert.deepEqual(view, [
      "alice:connection_accepted:owner",
      "alice:connection_request:owner",
      "bob:connection_accepted:other",
      "bob:connection_request:other",
    ]);
  });

  it("allows each transition only from the right state", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await assert.rejects(
      sendConnectionRequest(ctx.deps, alice, bob.accountId, {}),
      (e) => e instanceof Conflict && e.messageKey === "error.connection.pending",
    );
    await withdrawConnectionRequest(ctx.deps, alice, requestId);
    await assert.rejects(
      acceptConnectionRequest(ctx.deps, bob, requestId),
      (e) => e instanceof Conflict && e.messageKey === "error.request.withdrawn",
    );
    assert.equal((await connectionRows(alice, bob)).length, 0);

    const second = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await answerConnectionRequest(ctx.deps, bob, second.requestId, "declined");
    await assert.rejects(acceptConnectionRequest(ctx.deps, bob, second.requestId), Conflict);
    assert.deepEqual(
      (await listConnectionRequests(ctx.deps, alice, "sent")).map((r) => r.id),
      [second.requestId],
      "the sender is not told of a decline",
    );
    await assert.rejects(
      acceptConnectionRequest(ctx.deps, carol, second.requestId),
      { name: "NotFound" },
      "only the recipient answers",
    );
    await assert.rejects(withdrawConnectionRequest(ctx.deps, carol, second.requestId), { name: "NotFound" });
  });

  it("an ignored request leaves the inbox but can still be accepted later", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await answerConnectionRequest(ctx.deps, bob, requestId, "ignored");
    assert.equal((await listConnectionRequests(ctx.deps, bob, "received")).length, 0);
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    assert.equal((await connectionRows(alice, bob)).length, 2);
  });

  it("asking someone who already asked you connects you, without a crossed request", async () => {
    await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    const answer = await sendConnectionRequest(ctx.deps, bob, alice.accountId, { metWhere: "online" });
    assert.equal(answer.status, "connected");
    assert.equal((await connectionRows(alice, bob)).length, 2);
    await assert.rejects(
      sendConnectionRequest(ctx.deps, alice, bob.accountId, {}),
      (e) => e instanceof Conflict && e.messageKey === "error.connection.already",
    );
  });

  it("two simultaneous acceptances make one connection", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await Promise.allSettled([
      acceptConnectionRequest(ctx.deps, bob, requestId),
      acceptConnectionRequest(ctx.deps, bob, requestId),
    ]);
    assert.equal((await connectionRows(alice, bob)).length, 2);
  });

  it("validates the note and the date, in the user's terms", async () => {
    await assert.rejects(
      sendConnectionRequest(ctx.deps, alice, bob.accountId, { note: "x".repeat(501) }),
      (e) => e instanceof Invalid && e.fields.note?.key === "error.note.tooLong",
    );
    await assert.rejects(
      sendConnectionRequest(ctx.deps, alice, bob.accountId, { metOn: "last Tuesday" }),
      (e) => e instanceof Invalid && e.fields.metOn?.key === "error.date",
    );
    await assert.rejects(sendConnectionRequest(ctx.deps, alice, alice.accountId, {}), Invalid);
  });

  it("refuses requests between blocked people with a clear message, both ways", async () => {
    await block(ctx.deps, bob, alice.accountId);
    for (const [from, to] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      await assert.rejects(
        sendConnectionRequest(ctx.deps, from, to.accountId, {}),
        (e) => e instanceof Invalid && e.fields[""]?.key === "error.connection.blocked",
      );
    }
    await assert.rejects(follow(ctx.deps, alice, bob.accountId), Invalid);
  });

  it("blocking severs the connection, follows and pending requests both ways", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    await follow(ctx.deps, alice, bob.accountId);
    await follow(ctx.deps, bob, alice.accountId);
    const pending = await sendConnectionRequest(ctx.deps, carol, alice.accountId, {});
    await block(ctx.deps, alice, bob.accountId);
    await block(ctx.deps, alice, carol.accountId);
    assert.equal((await connectionRows(alice, bob)).length, 0);
    const follows = await ctx.deps.db
      .selectFrom("follows")
      .select("id")
      .where("follower_id", "in", [alice.accountId, bob.accountId])
      .execute();
    assert.equal(follows.length, 0);
    const request = await ctx.deps.db
      .selectFrom("connection_requests")
      .select("status")
      .where("id", "=", pending.requestId)
      .executeTakeFirstOrThrow();
    assert.equal(request.status, "withdrawn");
    const view = await relationOf(ctx.deps, bob, alice.accountId);
    assert.equal(view.blockedByOwner, true);
  });

  it("a muted person's requests still arrive but notify nobody", async () => {
    await mute(ctx.deps, bob, alice.accountId);
    await sendConnectionRequest(ctx.deps, alice, bob.accountId, {});
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select("id")
      .where("recipient_id", "=", bob.accountId)
      .execute();
    assert.equal(notes.length, 0);
    assert.equal((await listConnectionRequests(ctx.deps, bob, "received")).length, 1);
  });

  it("prompts both sides to welcome a new connection, until each has, and for 7 days", async () => {
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, howWeMet);
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    assert.equal((await welcomePrompts(ctx.deps, alice))[0]?.metWhere, "Lyon meetup");
    assert.equal((await welcomePrompts(ctx.deps, bob)).length, 1);
    await markWelcomed(ctx.deps.db, alice.accountId, bob.accountId, ctx.clock.now());
    assert.equal((await welcomePrompts(ctx.deps, alice)).length, 0);
    assert.equal((await welcomePrompts(ctx.deps, bob)).length, 1, "the other side still has to welcome");
    ctx.clock.advance(8 * 86_400_000);
    assert.equal((await welcomePrompts(ctx.deps, bob)).length, 0);
    const [row] = await ctx.deps.db
      .selectFrom("connections")
      .select("welcomed_at")
      .where("owner_id", "=", alice.accountId)
      .execute();
    assert.ok(row?.welcomed_at, "the connection remembers when Alice welcomed Bob");
  });

  it("lists connections newest first with keyset pages, and removal ends both sides", async () => {
    const others: Viewer[] = [];
    for (let i = 0; i < 33; i++) {
      const other = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: `friend${n}_${i}` }));
      const { requestId } = await sendConnectionRequest(ctx.deps, alice, other.accountId, {});
      await acceptConnectionRequest(ctx.deps, other, requestId);
      others.push(other);
      ctx.clock.advance(1000);
    }
    const first = await listConnections(ctx.deps, alice);
    assert.equal(first.items.length, 30);
    assert.equal(first.items[0]?.handle, `friend${n}_32`);
    assert.ok(first.next);
    const second = await listConnections(ctx.deps, alice, { before: first.next });
    assert.equal(second.items.length, 3);
    assert.equal(second.next, null);
    assert.equal(new Set([...first.items, ...second.items].map((c) => c.id)).size, 33);
    const gone = others[0];
    assert.ok(gone);
    await removeConnection(ctx.deps, gone, alice.accountId);
    assert.equal((await connectionRows(alice, gone)).length, 0);
  });
});

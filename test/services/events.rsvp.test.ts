import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid } from "../../src/domain/errors.ts";
import { decideRequest } from "../../src/services/events/approve.ts";
import { createEvent } from "../../src/services/events/create.ts";
import { readEvent } from "../../src/services/events/read.ts";
import { answerEvent } from "../../src/services/events/rsvp.ts";
import { cancelEvent, updateEvent } from "../../src/services/events/update.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { inHours, type Member, makeEvent, member } from "./events.fixtures.ts";

const seats = (ctx: TestContext, id: string) =>
  ctx.deps.db
    .selectFrom("events")
    .select(["going_count", "capacity"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const answers = (ctx: TestContext, id: string) =>
  ctx.deps.db
    .selectFrom("event_rsvps")
    .select(["actor_id", "status", "queued_seq"])
    .where("event_id", "=", id)
    .execute();
const notices = (ctx: TestContext, recipientId: string, kind: string) =>
  ctx.deps.db
    .selectFrom("notifications")
    .select("subject_id")
    .where("recipient_id", "=", recipientId)
    .where("kind", "=", kind as never)
    .execute()
    .then((rows) => rows.map((r) => ({ subject_id: r.subject_id })));

/** One database per file: a second createTestContext would set the logging up again mid-file. */
let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(() => ctx.close());

describe("answers, capacity and the waitlist", () => {
  let alice: Member;
  const crowd: Member[] = [];
  before(async () => {
    alice = await member(ctx, "alice");
    for (let i = 0; i < 24; i++) crowd.push(await member(ctx, `guest${i}`));
  });

  it("never exceeds the capacity under concurrent answers: exactly capacity going, the rest waitlisted", async () => {
    const id = await makeEvent(ctx, alice, { capacity: "5" });
    const results = await Promise.all(
      crowd.map((m) => answerEvent(ctx.deps, m.viewer, id, { answer: "going" })),
    );
    assert.equal(results.filter((r) => r.status === "going").length, 5);
    assert.equal(results.filter((r) => r.status === "waitlist").length, crowd.length - 5);
    assert.equal((await seats(ctx, id)).going_count, 5);
    const rows = await answers(ctx, id);
    assert.equal(rows.filter((r) => r.status === "going").length, 5);
    assert.equal(
      new Set(rows.map((r) => r.queued_seq)).size,
      rows.length,
      "each answer has its own place in line",
    );
  });

  it("holds over real HTTP too: 24 parallel requests to a 10-seat event, no error", async () => {
    const id = await makeEvent(ctx, alice, { capacity: "10" });
    const clients = await Promise.all(crowd.map((m) => signedInClient(ctx, m.account)));
    await Promise.all(clients.map((c) => c.get("/events")));
    const responses = await Promise.all(
      clients.map((c) => c.post(`/events/${id}/rsvp`, { answer: "going" })),
    );
    assert.deepEqual(
      [...new Set(responses.map((r) => r.status))],
      [303],
      "every answer is accepted (a redirect), none fails",
    );
    const locations = responses.map((r) => r.headers.get("location") ?? "");
    assert.equal(locations.filter((l) => l.endsWith("notice=going")).length, 10);
    assert.equal(locations.filter((l) => l.endsWith("notice=waitlist")).length, 14);
    assert.equal((await seats(ctx, id)).going_count, 10);
  });

  it("promotes the first person waiting when a seat frees up, and tells them", async () => {
    const id = await makeEvent(ctx, alice, { capacity: "2" });
    const [a, b, c, d] = crowd as [Member, Member, Member, Member];
    for (const m of [a, b, c, d]) await answerEvent(ctx.deps, m.viewer, id, { answer: "going" });
    const view = await readEvent(ctx.deps, d.viewer, id);
    assert.equal(view.myRsvp?.status, "waitlist");
    assert.equal(view.waitlistPosition, 2);
    const { promoted } = await answerEvent(ctx.deps, a.viewer, id, { answer: "declined" });
    assert.deepEqual(promoted, [c.viewer.accountId], "first come, first served");
    assert.equal((await notices(ctx, c.viewer.accountId, "event_promoted")).length, 1);
    assert.equal((await notices(ctx, d.viewer.accountId, "event_promoted")).length, 0);
    assert.equal((await readEvent(ctx.deps, d.viewer, id)).waitlistPosition, 1);
    // Saying "going" again keeps one's place; "maybe" leaves the line.
    await answerEvent(ctx.deps, d.viewer, id, { answer: "going", message: "still keen" });
    assert.equal((await readEvent(ctx.deps, d.viewer, id)).waitlistPosition, 1);
    // Raising the capacity seats the next in line.
    await updateEvent(ctx.deps, alice.viewer, id, {
      title: "Rust meetup",
      start: inHours(ctx, 48),
      end: inHours(ctx, 50),
      timeZone: "UTC",
      place: "Here",
      capacity: "3",
    });
    assert.equal((await readEvent(ctx.deps, d.viewer, id)).myRsvp?.status, "going");
    assert.equal((await seats(ctx, id)).going_count, 3);
    // Lowering it under the seats taken is refused.
    await assert.rejects(
      updateEvent(ctx.deps, alice.viewer, id, {
        title: "x",
        start: inHours(ctx, 48),
        end: inHours(ctx, 50),
        place: "Here",
        capacity: "1",
      }),
      (e: unknown) => e instanceof Invalid && e.fields.capacity?.key === "error.event.capacityBelowGoing",
    );
  });

  it("approval mode: requests wait for the organiser, accepted ones take a seat or the waitlist", async () => {
    const id = await makeEvent(ctx, alice, { capacity: "1", approval: "1" });
    const [a, b, c] = crowd as [Member, Member, Member];
    assert.equal(
      (await answerEvent(ctx.deps, a.viewer, id, { answer: "going", message: "hi" })).status,
      "pending",
    );
    assert.equal((await answerEvent(ctx.deps, b.viewer, id, { answer: "going" })).status, "pending");
    assert.equal((await answerEvent(ctx.deps, c.viewer, id, { answer: "going" })).status, "pending");
    assert.equal((await notices(ctx, alice.viewer.accountId, "event_request")).length >= 3, true);
    assert.equal((await readEvent(ctx.deps, alice.viewer, id)).requests.length, 3);
    assert.equal(await decideRequest(ctx.deps, alice.viewer, id, b.viewer.accountId, "approve"), "going");
    assert.equal(await decideRequest(ctx.deps, alice.viewer, id, a.viewer.accountId, "approve"), "waitlist");
    assert.equal(await decideRequest(ctx.deps, alice.viewer, id, c.viewer.accountId, "refuse"), "refused");
    await assert.rejects(answerEvent(ctx.deps, c.viewer, id, { answer: "going" }), Invalid);
    await assert.rejects(decideRequest(ctx.deps, b.viewer, id, c.viewer.accountId, "approve"));
    await answerEvent(ctx.deps, b.viewer, id, { answer: "declined" });
    assert.equal((await readEvent(ctx.deps, a.viewer, id)).myRsvp?.status, "going");
    assert.equal((await notices(ctx, a.viewer.accountId, "event_approved")).length, 1);
    assert.equal((await notices(ctx, c.viewer.accountId, "event_refused")).length, 1);
  });

  it("refuses bad answers clearly, and answers to cancelled or past events", async () => {
    const id = await makeEvent(ctx, alice, {});
    const [a] = crowd as [Member];
    await assert.rejects(
      answerEvent(ctx.deps, a.viewer, id, { answer: "perhaps" }),
      (e: unknown) => e instanceof Invalid && e.fields.answer?.key === "error.event.answer",
    );
    await assert.rejects(
      answerEvent(ctx.deps, alice.viewer, id, { answer: "going" }),
      (e: unknown) => e instanceof Invalid && e.fields[""]?.key === "error.event.organiserAnswer",
    );
    await cancelEvent(ctx.deps, alice.viewer, id);
    await assert.rejects(answerEvent(ctx.deps, a.viewer, id, { answer: "going" }), Invalid);
  });
});

describe("reminders and change notifications through the job queue", () => {
  let alice: Member;
  let bob: Member;
  let carol: Member;
  before(async () => {
    alice = await member(ctx, "alicia");
    bob = await member(ctx, "bob");
    carol = await member(ctx, "carol");
  });

  it("reminds people going 24 h before, once, and not after the event moved", async () => {
    const id = await makeEvent(ctx, alice, {}, 30);
    await answerEvent(ctx.deps, bob.viewer, id, { answer: "going" });
    await answerEvent(ctx.deps, carol.viewer, id, { answer: "declined" });
    await drainJobs(ctx.deps);
    assert.equal((await notices(ctx, bob.viewer.accountId, "event_reminder")).length, 0, "not yet");
    ctx.clock.advance(6 * 3600_000 + 60_000);
    await drainJobs(ctx.deps);
    assert.deepEqual(await notices(ctx, bob.viewer.accountId, "event_reminder"), [{ subject_id: id }]);
    assert.equal((await notices(ctx, carol.viewer.accountId, "event_reminder")).length, 0);
    // Bob and the others who answered are told about a change, once for a burst of edits.
    const edit = {
      title: "Rust meetup (new room)",
      start: inHours(ctx, 48),
      end: inHours(ctx, 50),
      timeZone: "UTC",
      place: "Room 2",
    };
    await updateEvent(ctx.deps, alice.viewer, id, edit);
    await updateEvent(ctx.deps, alice.viewer, id, { ...edit, place: "Room 3" });
    await drainJobs(ctx.deps);
    assert.equal((await notices(ctx, bob.viewer.accountId, "event_changed")).length, 1);
    assert.equal((await notices(ctx, carol.viewer.accountId, "event_changed")).length, 0);
    // The old reminder time has passed already; the new one is for the new start.
    ctx.clock.advance(24 * 3600_000);
    await drainJobs(ctx.deps);
    assert.equal((await notices(ctx, bob.viewer.accountId, "event_reminder")).length, 2);
  });

  it("tells everyone invited or answering about a cancellation", async () => {
    const id = await makeEvent(ctx, alice, { visibility: "private" });
    await ctx.deps.db
      .insertInto("event_invitations")
      .values({
        event_id: id,
        invitee_id: carol.viewer.accountId,
        invited_by: alice.viewer.accountId,
        link_id: null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await cancelEvent(ctx.deps, alice.viewer, id);
    await drainJobs(ctx.deps);
    assert.deepEqual(await notices(ctx, carol.viewer.accountId, "event_cancelled"), [{ subject_id: id }]);
    assert.equal((await notices(ctx, bob.viewer.accountId, "event_cancelled")).length, 0);
  });

  it("creates one event per occurrence of a recurrence, each editable and cancellable alone", async () => {
    const { ids } = await createEvent(ctx.deps, alice.viewer, {
      title: "Weekly code & coffee",
      start: "2026-03-17T08:30",
      end: "2026-03-17T10:00",
      timeZone: "Europe/Paris",
      place: "Café",
      repeat: "weekly",
      interval: "1",
      count: "4",
    });
    assert.equal(ids.length, 4);
    const rows = await ctx.deps.db
      .selectFrom("events")
      .select(["id", "starts_at", "series_id", "status"])
      .where("id", "in", ids)
      .orderBy("starts_at")
      .execute();
    assert.deepEqual(
      rows.map((r) => r.starts_at),
      [
        "2026-03-17T07:30:00.000Z",
        "2026-03-24T07:30:00.000Z",
        "2026-03-31T06:30:00.000Z",
        "2026-04-07T06:30:00.000Z",
      ],
    );
    assert.equal(new Set(rows.map((r) => r.series_id)).size, 1);
    await cancelEvent(ctx.deps, alice.viewer, ids[1] as string);
    const after = await ctx.deps.db
      .selectFrom("events")
      .select(["id", "status"])
      .where("id", "in", ids)
      .execute();
    assert.deepEqual(
      after.filter((r) => r.status === "cancelled").map((r) => r.id),
      [ids[1]],
    );
    await assert.rejects(
      createEvent(ctx.deps, alice.viewer, {
        title: "Past",
        start: "2026-01-01T10:00",
        end: "2026-01-01T09:00",
        place: "",
        repeat: "weekly",
        count: "99",
      }),
      (e: unknown) =>
        e instanceof Invalid &&
        e.fields.end?.key === "error.event.endBeforeStart" &&
        e.fields.place?.key === "error.event.where",
    );
  });
});

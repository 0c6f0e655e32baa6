import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ICAL from "ical.js";
import sharp from "sharp";
import { checkinCode } from "../../src/services/events/checkin.ts";
import { invitePeople } from "../../src/services/events/invite.ts";
import { answerEvent } from "../../src/services/events/rsvp.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { follows, inHours, type Member, member } from "../services/events.fixtures.ts";

function parseIcs(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return root.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) }));
}

describe("events over HTTP: the form, the page, calendars, check-in and people met", () => {
  let ctx: TestContext;
  let alice: Member;
  let carol: Member;
  let dana: Member;
  let a: TestClient;
  let c: TestClient;
  let d: TestClient;
  let eventId = "";

  before(async () => {
    ctx = await createTestContext();
    alice = await member(ctx, "alice");
    carol = await member(ctx, "carol");
    dana = await member(ctx, "dana");
    a = await signedInClient(ctx, alice.account);
    c = await signedInClient(ctx, carol.account);
    d = await signedInClient(ctx, dana.account, { "accept-language": "fr" });
    await follows(ctx, carol, alice);
    await follows(ctx, dana, alice);
  });
  after(() => ctx.close());

  it("says what is wrong beside each field and keeps what was typed", async () => {
    const form = await (await a.get("/events/new")).text();
    assert.match(form, /<label for="field-title">Title<\/label>/);
    assert.match(form, /type="datetime-local"/);
    const body = new FormData();
    for (const [k, v] of Object.entries({
      title: "Board games night",
      description: "Keep this text",
      start: inHours(ctx, 5),
      end: inHours(ctx, 4),
      timeZone: "Mars/Olympus",
      capacity: "-3",
      latitude: "45.7",
    }))
      body.set(k, v);
    const response = await a.postMultipart("/events/new", body);
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /Choose a time zone from the list/);
    assert.match(page, /Enter a number of seats/);
    assert.match(page, /Give an address or an online link/);
    assert.match(page, /Give both latitude/);
    assert.match(page, /Keep this text/);
    assert.match(page, /value="Board games night"/);
  });

  it("creates a private event with a cover image (re-encoded, with its alt text), in Paris time", async () => {
    const cover = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#c63" } })
      .jpeg()
      .toBuffer();
    const body = new FormData();
    const start = new Date(ctx.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [k, v] of Object.entries({
      title: "Supper, chez Alice",
      description: "Bring a dish.",
      start: `${start}T19:00`,
      end: `${start}T22:00`,
      timeZone: "Europe/Paris",
      place: "3 place Bellecour",
      city: "Lyon",
      latitude: "45.7578",
      longitude: "4.832",
      capacity: "2",
      visibility: "private",
      coverAlt: "A table set for dinner",
      coverCredit: "Photo: Alice",
    }))
      body.set(k, v);
    body.set("cover", new File([cover as Uint8Array<ArrayBuffer>], "cover.jpg", { type: "image/jpeg" }));
    const created = await a.postMultipart("/events/new", body);
    assert.equal(created.status, 303, await created.clone().text());
    const location = created.headers.get("location") ?? "";
    assert.match(location, /^\/events\/[0-9a-f-]{36}\?notice=created$/);
    eventId = location.split("/")[2]?.split("?")[0] ?? "";
    const page = await (await a.get(location)).text();
    assert.match(page, /The event is created/);
    assert.match(page, /alt="A table set for dinner"/);
    assert.match(page, /Europe\/Paris/);
    assert.match(page, /7:00\s?PM/);
    assert.match(page, /0 of 2 seats taken/);
    const image = await a.get(`/events/${eventId}/cover`);
    assert.equal(image.headers.get("content-type"), "image/webp");
    const meta = await sharp(new Uint8Array(await image.arrayBuffer())).metadata();
    assert.equal(meta.width, 1200);
    assert.equal(meta.exif, undefined);
    // Invisible to a follower until invited.
    assert.equal((await c.get(`/events/${eventId}`)).status, 404);
    assert.equal((await c.get(`/events/${eventId}/cover`)).status, 404);
  });

  it("invites followers from the invite page, and shows the event in each viewer's own zone and language", async () => {
    const invite = await (await a.get(`/events/${eventId}/invite`)).text();
    assert.match(invite, /Carol \(@carol\)/);
    const sent = await a.post(`/events/${eventId}/invite`, { invitees: carol.viewer.accountId });
    assert.equal(sent.status, 303);
    await invitePeople(ctx.deps, alice.viewer, eventId, [dana.viewer.accountId]);
    await ctx.deps.db
      .updateTable("accounts")
      .set({ time_zone: "America/New_York" })
      .where("actor_id", "=", dana.viewer.accountId)
      .execute();
    const fr = await (await d.get(`/events/${eventId}`)).text();
    assert.match(fr, /Supper, chez Alice/);
    assert.match(fr, /Chez vous\u202f: .*13:00.*\(America\/New_York\)/);
    assert.match(fr, /J’y vais/);
    const stranger = await (await a.post(`/events/${eventId}/invite`, { invitees: ctx.deps.newId() })).text();
    assert.match(stranger, /You can invite only your connections and followers/);
  });

  it("serves an .ics that ical.js reads back: times, zone, place, status; and cancelled says so", async () => {
    const response = await c.get(`/events/${eventId}/event.ics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/calendar/);
    const [only] = parseIcs(await response.text());
    assert.ok(only);
    const row = await ctx.deps.db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    assert.equal(only.e.startDate.toJSDate().toISOString(), row.starts_at);
    assert.equal(only.e.endDate.toJSDate().toISOString(), row.ends_at);
    assert.equal(only.e.startDate.zone?.tzid, "Europe/Paris");
    assert.equal(only.e.startDate.toString().slice(11), "19:00:00");
    assert.equal(only.e.location, "3 place Bellecour");
    assert.equal(only.e.summary, "Supper, chez Alice");
    assert.equal(only.v.getFirstPropertyValue("status"), "CONFIRMED");
  });

  it("fills the private feed with events I am going to; a new address disables the old one", async () => {
    await c.post(`/events/${eventId}/rsvp`, { answer: "going", message: "I'll bring cheese" });
    const made = await (await c.post("/events/feed", {})).text();
    const url = /<code class="secret">([^<]+)<\/code>/.exec(made)?.[1] ?? "";
    assert.match(url, /\/calendar\/[^/]+\/events\.ics$/);
    const path = new URL(url).pathname;
    const feed = await (await c.get(path)).text();
    assert.equal(parseIcs(feed).length, 1);
    await c.post("/events/feed", {});
    assert.equal((await c.get(path)).status, 404);
    // Alice's public feed never carries it (private), and parses.
    const publicFeed = await (await c.get("/@alice/events.ics")).text();
    assert.equal(parseIcs(publicFeed).length, 0);
  });

  it("checks people in with the rotating code during the window only, then offers 'people you met here' for 72 h", async () => {
    await answerEvent(ctx.deps, dana.viewer, eventId, { answer: "going" });
    const row = await ctx.deps.db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    const tooEarly = await c.post(`/events/${eventId}/checkin`, {});
    assert.equal(tooEarly.status, 422);
    assert.match(await tooEarly.text(), /Check-in opens an hour before/);
    ctx.clock.set(new Date(new Date(row.starts_at).getTime() + 10 * 60_000));
    const codePage = await (await a.get(`/events/${eventId}/checkin-code`)).text();
    assert.match(codePage, /<svg[^>]+role="img"/);
    const code = checkinCode(row, Math.floor(ctx.clock.now().getTime() / 60_000));
    assert.ok(codePage.includes(`code=${code}`));
    const scan = await c.get(`/events/${eventId}/checkin?code=${code}`);
    assert.equal(scan.status, 200);
    assert.equal((await c.post(`/events/${eventId}/checkin`, { code: "stale" })).status, 422);
    assert.equal(
      (await c.post(`/events/${eventId}/checkin`, { code })).headers.get("location"),
      `/events/${eventId}?notice=checkedIn`,
    );
    assert.equal((await d.post(`/events/${eventId}/checkin`, {})).status, 303);
    const present = await (await a.get(`/events/${eventId}/checkin-code`)).text();
    assert.match(present, /Who is here \(3\)/);
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select(["owner_id", "kind", "channel"])
      .where("owner_id", "=", carol.viewer.accountId)
      .where("other_actor_id", "=", dana.viewer.accountId)
      .execute();
    assert.deepEqual(
      facts.map((f) => `${f.kind}/${f.channel}`),
      ["meetup_coattended/meetup"],
    );
    // Not before the end.
    assert.equal((await c.get(`/events/${eventId}/met`)).status, 404);
    ctx.clock.set(new Date(new Date(row.ends_at).getTime() + 3600_000));
    const met = await (await c.get(`/events/${eventId}/met`)).text();
    assert.match(met, /People you met here/);
    assert.match(met, /Connect with Dana/);
    assert.match(met, /Thank Dana/);
    const sent = await c.post(`/events/${eventId}/met/${dana.viewer.accountId}/connect`, {
      note: "Great to meet you!",
    });
    assert.equal(sent.headers.get("location"), `/events/${eventId}/met?notice=requested`);
    const request = await ctx.deps.db
      .selectFrom("connection_requests")
      .selectAll()
      .where("sender_id", "=", carol.viewer.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(request.event_id, eventId);
    assert.equal(request.source, "event");
    assert.equal(request.met_where, "Supper, chez Alice");
    assert.equal(request.met_on, row.starts_at.slice(0, 10));
    const note = await c.post(`/events/${eventId}/met/${dana.viewer.accountId}/note`, {
      notes: "Knows about cheese",
    });
    assert.match(note.headers.get("location") ?? "", /^\/contacts\/[0-9a-f-]+\?notice=created$/);
    // Someone who did not check in, and anyone after 72 hours, gets "not found".
    assert.equal((await a.get(`/events/${eventId}/met`)).status, 200);
    ctx.clock.set(new Date(new Date(row.ends_at).getTime() + 73 * 3600_000));
    assert.equal((await c.get(`/events/${eventId}/met`)).status, 404);
  });

  it("a cancelled event says so on its page and in its .ics", async () => {
    const cancelled = await a.post(`/events/${eventId}/cancel`, {});
    assert.equal(cancelled.status, 303);
    assert.match(await (await c.get(`/events/${eventId}`)).text(), /This event is cancelled/);
    const [only] = parseIcs(await (await c.get(`/events/${eventId}/event.ics`)).text());
    assert.equal(only?.v.getFirstPropertyValue("status"), "CANCELLED");
    assert.ok(Number(only?.e.sequence) >= 1);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import ICAL from "ical.js";
import { calendar, fold } from "../../../src/domain/events/ical.ts";
import {
  monthlyRuleOf,
  nthWeekday,
  occurrenceStarts,
  occurrences,
} from "../../../src/domain/events/recurrence.ts";
import { localToUtc, offsetMinutes, utcToLocal } from "../../../src/domain/events/time.ts";
import { canSeeEvent, type EventAccess } from "../../../src/domain/events/visibility.ts";
import { isCheckinOpen, isMetWindowOpen, reminderAt } from "../../../src/domain/events/windows.ts";

describe("wall-clock times in IANA zones", () => {
  it("reads a local time in its zone, summer and winter", () => {
    assert.equal(localToUtc("2026-01-15T19:00", "Europe/Paris").toISOString(), "2026-01-15T18:00:00.000Z");
    assert.equal(localToUtc("2026-07-15T19:00", "Europe/Paris").toISOString(), "2026-07-15T17:00:00.000Z");
    assert.equal(
      localToUtc("2026-07-15T19:00", "America/New_York").toISOString(),
      "2026-07-15T23:00:00.000Z",
    );
    assert.equal(localToUtc("2026-07-15T19:00", "UTC").toISOString(), "2026-07-15T19:00:00.000Z");
    assert.equal(utcToLocal("2026-07-15T17:00:00.000Z", "Europe/Paris"), "2026-07-15T19:00");
  });

  it("takes the earlier instant in an autumn overlap and moves a spring-gap time forward", () => {
    // Paris, 25 Oct 2026: 02:30 happens twice (CEST then CET).
    assert.equal(localToUtc("2026-10-25T02:30", "Europe/Paris").toISOString(), "2026-10-25T00:30:00.000Z");
    // Paris, 29 Mar 2026: 02:30 does not exist; read with the offset before the gap, it is 03:30 CEST.
    const gap = localToUtc("2026-03-29T02:30", "Europe/Paris");
    assert.equal(gap.toISOString(), "2026-03-29T01:30:00.000Z");
    assert.equal(utcToLocal(gap, "Europe/Paris"), "2026-03-29T03:30");
  });

  it("round-trips any instant through its wall clock (property, several zones)", () => {
    const zones = [
      "Europe/Paris",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "America/Santiago",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = Math.floor(ms / 60_000) * 60_000;
          const local = utcToLocal(new Date(instant), zone);
          const back = localToUtc(local, zone).getTime();
          // In an overlap the earlier of the two instants comes back; otherwise the same one.
          assert.ok(back === instant || (back < instant && utcToLocal(new Date(back), zone) === local));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("recurrence across daylight-saving changes", () => {
  it("keeps a weekly 19:00 meetup at 19:00 Paris time across the March and October changes", () => {
    const list = occurrences("2026-03-17T19:00", 120, "Europe/Paris", { kind: "weekly", interval: 1 }, 4);
    assert.deepEqual(
      list.map((o) => o.localStart),
      ["2026-03-17T19:00", "2026-03-24T19:00", "2026-03-31T19:00", "2026-04-07T19:00"],
    );
    assert.deepEqual(
      list.map((o) => o.startsAt.toISOString()),
      [
        "2026-03-17T18:00:00.000Z",
        "2026-03-24T18:00:00.000Z",
        "2026-03-31T17:00:00.000Z",
        "2026-04-07T17:00:00.000Z",
      ],
    );
    assert.ok(list.every((o) => utcToLocal(o.endsAt, "Europe/Paris").endsWith("T21:00")));
    const autumn = occurrences("2026-10-20T19:00", 90, "Europe/Paris", { kind: "weekly", interval: 1 }, 2);
    assert.deepEqual(
      autumn.map((o) => o.startsAt.toISOString()),
      ["2026-10-20T17:00:00.000Z", "2026-10-27T18:00:00.000Z"],
    );
  });

  it("repeats every N weeks, in New York across its own (different) change dates", () => {
    const list = occurrences("2026-02-24T18:30", 60, "America/New_York", { kind: "weekly", interval: 2 }, 3);
    assert.deepEqual(
      list.map((o) => o.localStart),
      ["2026-02-24T18:30", "2026-03-10T18:30", "2026-03-24T18:30"],
    );
    assert.deepEqual(
      list.map((o) => o.startsAt.toISOString()),
      ["2026-02-24T23:30:00.000Z", "2026-03-10T22:30:00.000Z", "2026-03-24T22:30:00.000Z"],
    );
  });

  it("repeats monthly on the first Tuesday, and on the last Friday", () => {
    const rule = monthlyRuleOf("2026-03-03T19:00");
    assert.deepEqual(rule, { kind: "monthly", weekday: 2, nth: 1 });
    assert.deepEqual(occurrenceStarts("2026-03-03T19:00", rule, 5), [
      "2026-03-03T19:00",
      "2026-04-07T19:00",
      "2026-05-05T19:00",
      "2026-06-02T19:00",
      "2026-07-07T19:00",
    ]);
    const last = monthlyRuleOf("2026-01-30T18:00");
    assert.deepEqual(last, { kind: "monthly", weekday: 5, nth: -1 });
    assert.deepEqual(occurrenceStarts("2026-01-30T18:00", last, 3), [
      "2026-01-30T18:00",
      "2026-02-27T18:00",
      "2026-03-27T18:00",
    ]);
    const paris = occurrences("2026-03-03T19:00", 120, "Europe/Paris", rule, 2);
    assert.deepEqual(
      paris.map((o) => o.startsAt.toISOString()),
      ["2026-03-03T18:00:00.000Z", "2026-04-07T17:00:00.000Z"],
    );
  });

  it("skips months without a fourth-or-fifth weekday only when asked for a missing one", () => {
    assert.equal(nthWeekday(2026, 1, 0, 4), Date.UTC(2026, 1, 22));
    assert.equal(new Date(nthWeekday(2026, 1, 6, -1) ?? 0).toISOString().slice(0, 10), "2026-02-28");
  });
});

describe("the visibility rule", () => {
  const none: EventAccess = {
    organiser: false,
    invited: false,
    answered: false,
    connectedToOrganiser: false,
    blockedWithOrganiser: false,
  };
  it("lets only organisers, invited people and people who answered see a private event", () => {
    assert.equal(canSeeEvent("private", null), false);
    assert.equal(canSeeEvent("private", none), false);
    assert.equal(canSeeEvent("private", { ...none, connectedToOrganiser: true }), false);
    assert.equal(canSeeEvent("private", { ...none, invited: true }), true);
    assert.equal(canSeeEvent("private", { ...none, answered: true }), true);
    assert.equal(canSeeEvent("private", { ...none, organiser: true }), true);
    assert.equal(canSeeEvent("private", { ...none, invited: true, blockedWithOrganiser: true }), false);
    assert.equal(canSeeEvent("connections", { ...none, connectedToOrganiser: true }), true);
    assert.equal(canSeeEvent("connections", null), false);
    assert.equal(canSeeEvent("public", null), true);
    assert.equal(canSeeEvent("public", { ...none, blockedWithOrganiser: true }), false);
  });
});

describe("event windows", () => {
  const event = { startsAt: "2026-03-10T18:00:00.000Z", endsAt: "2026-03-10T20:00:00.000Z" };
  it("opens check-in an hour before and closes it at the end; offers 'people you met' for 72 h after", () => {
    assert.equal(isCheckinOpen(event, new Date("2026-03-10T16:59:00Z")), false);
    assert.equal(isCheckinOpen(event, new Date("2026-03-10T17:00:00Z")), true);
    assert.equal(isCheckinOpen(event, new Date("2026-03-10T20:00:00Z")), true);
    assert.equal(isCheckinOpen(event, new Date("2026-03-10T20:01:00Z")), false);
    assert.equal(isMetWindowOpen(event, new Date("2026-03-10T19:00:00Z")), false);
    assert.equal(isMetWindowOpen(event, new Date("2026-03-13T19:59:00Z")), true);
    assert.equal(isMetWindowOpen(event, new Date("2026-03-13T20:01:00Z")), false);
    assert.equal(reminderAt(event), "2026-03-09T18:00:00.000Z");
  });
});

describe("iCalendar output, read back with ical.js", () => {
  const base = {
    sequence: 2,
    description: "Talks, then drinks; bring friends.\nSecond line",
    url: "https://liens.example/events/x",
    organiserName: 'Alice "A"',
    createdAt: "2026-01-01T10:00:00.000Z",
    updatedAt: "2026-01-02T10:00:00.000Z",
  };

  function parse(text: string) {
    const root = new ICAL.Component(ICAL.parse(text));
    for (const zone of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
    return root.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) }));
  }

  it("round-trips start, end and zone across a DST change, location, geo, status and text", () => {
    const text = calendar({
      name: "Test",
      now: "2026-02-01T00:00:00.000Z",
      events: [
        {
          ...base,
          uid: "a@liens.example",
          title: "Rust, Lyon; édition n°3 — une longue soirée de présentations et de rencontres",
          startsAt: "2026-03-24T18:00:00.000Z",
          endsAt: "2026-03-24T20:00:00.000Z",
          timeZone: "Europe/Paris",
          location: "12 rue de la République, Lyon",
          geo: { latitude: 45.764, longitude: 4.8357 },
          cancelled: false,
        },
        {
          ...base,
          uid: "b@liens.example",
          title: "After the change",
          startsAt: "2026-03-31T17:00:00.000Z",
          endsAt: "2026-03-31T19:00:00.000Z",
          timeZone: "Europe/Paris",
          location: "",
          geo: null,
          cancelled: true,
        },
        {
          ...base,
          uid: "c@liens.example",
          title: "In UTC",
          startsAt: "2026-05-01T09:00:00.000Z",
          endsAt: "2026-05-01T10:00:00.000Z",
          timeZone: "UTC",
          location: "Online",
          geo: null,
          cancelled: false,
        },
      ],
    });
    assert.ok(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75));
    const [a, b, c] = parse(text);
    assert.ok(a && b && c);
    assert.equal(a.e.startDate.toJSDate().toISOString(), "2026-03-24T18:00:00.000Z");
    assert.equal(a.e.endDate.toJSDate().toISOString(), "2026-03-24T20:00:00.000Z");
    assert.equal(a.e.startDate.zone?.tzid, "Europe/Paris");
    assert.equal(a.v.getFirstProperty("dtstart")?.getParameter("tzid"), "Europe/Paris");
    assert.equal(a.e.startDate.toString(), "2026-03-24T19:00:00");
    assert.equal(
      a.e.summary,
      "Rust, Lyon; édition n°3 — une longue soirée de présentations et de rencontres",
    );
    assert.equal(a.e.description, base.description);
    assert.equal(a.e.location, "12 rue de la République, Lyon");
    assert.deepEqual(a.v.getFirstPropertyValue("geo"), [45.764, 4.8357]);
    assert.equal(a.v.getFirstPropertyValue("status"), "CONFIRMED");
    assert.equal(a.e.sequence, 2);
    // After the spring change the same 19:00 is one hour earlier in UTC.
    assert.equal(b.e.startDate.toJSDate().toISOString(), "2026-03-31T17:00:00.000Z");
    assert.equal(b.e.startDate.toString(), "2026-03-31T19:00:00");
    assert.equal(b.v.getFirstPropertyValue("status"), "CANCELLED");
    assert.equal(c.e.startDate.toJSDate().toISOString(), "2026-05-01T09:00:00.000Z");
    assert.equal(c.e.startDate.zone?.tzid, "UTC");
  });

  it("folds long lines without cutting a character in two", () => {
    const line = `SUMMARY:${"é".repeat(100)}`;
    const folded = fold(line);
    assert.equal(folded.replace(/\r\n /g, ""), line);
    for (const part of folded.split("\r\n")) assert.ok(Buffer.byteLength(part) <= 75);
  });

  it("describes zones with no change, and zones with half-hour offsets", () => {
    assert.equal(offsetMinutes("Asia/Kolkata", new Date("2026-06-01T00:00:00Z")), 330);
    const text = calendar({
      name: "x",
      now: "2026-01-01T00:00:00.000Z",
      events: [
        {
          ...base,
          uid: "k@x",
          title: "Kolkata",
          startsAt: "2026-06-01T12:30:00.000Z",
          endsAt: "2026-06-01T13:30:00.000Z",
          timeZone: "Asia/Kolkata",
          location: "",
          geo: null,
          cancelled: false,
        },
      ],
    });
    const [k] = parse(text);
    assert.equal(k?.e.startDate.toJSDate().toISOString(), "2026-06-01T12:30:00.000Z");
    assert.equal(k?.e.startDate.toString(), "2026-06-01T18:00:00");
  });
});

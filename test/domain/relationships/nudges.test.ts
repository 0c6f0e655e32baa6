import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  dailyNudges,
  isReconnectWindow,
  type NudgeTie,
  nextOccurrence,
  reconnectList,
} from "../../../src/domain/relationships/nudges.ts";
import { stageOf } from "../../../src/domain/relationships/stages.ts";
import type { Fact, TieSettings } from "../../../src/domain/relationships/types.ts";
import { at, DAY_MS, establishedFacts, fact, HOUR_MS } from "./helpers.ts";

function tie(
  id: string,
  facts: Fact[],
  now: number,
  extra: Partial<NudgeTie> = {},
  settings: TieSettings = {},
) {
  return { id, state: stageOf(settings, facts, now), ...extra };
}

const connected = [
  fact("connection_request", "other", at(0)),
  fact("connection_accepted", "owner", at(0, 1)),
];
const kinds = (ties: NudgeTie[], now: number) => dailyNudges(ties, now).map((n) => n.kind);

describe("welcome nudge", () => {
  it("appears 24 h after the connection, not before, and stops when the 7-day window closes", () => {
    const connectedAt = at(0, 1);
    const nudgesAt = (ms: number) => kinds([tie("a", connected, ms, { howWeMet: "Node meetup" })], ms);
    assert.deepEqual(nudgesAt(connectedAt + 23 * HOUR_MS), []);
    assert.deepEqual(nudgesAt(connectedAt + 24 * HOUR_MS), ["welcome"]);
    assert.deepEqual(nudgesAt(connectedAt + 48 * HOUR_MS), ["welcome"]);
    assert.deepEqual(nudgesAt(connectedAt + 7 * DAY_MS + 1), []);
    const [n] = dailyNudges([tie("a", connected, at(2))], at(2));
    assert.equal(n?.key, `welcome:a:${connectedAt}`);
  });

  it("disappears as soon as the owner writes", () => {
    const facts = [...connected, fact("dm_day_one_way", "owner", at(1, 5))];
    assert.deepEqual(kinds([tie("a", facts, at(2))], at(2)), []);
  });
});

describe("meetup follow-up", () => {
  const meetup = [fact("meetup_coattended", "other", at(10))];

  it("within 72 h of the meetup, until the owner follows up", () => {
    assert.deepEqual(kinds([tie("m", meetup, at(11))], at(11)), ["meetup_follow_up"]);
    assert.deepEqual(kinds([tie("m", meetup, at(13))], at(13)), ["meetup_follow_up"]);
    assert.deepEqual(kinds([tie("m", meetup, at(13) + 1)], at(13) + 1), []);
    const done = [...meetup, fact("dm_day_one_way", "owner", at(11))];
    assert.deepEqual(kinds([tie("m", done, at(12))], at(12)), []);
  });
});

describe("14-day follow-up", () => {
  const welcomed = [...connected, fact("dm_day_one_way", "owner", at(1))];

  it("one follow-up 14 days after the welcome while not consolidating", () => {
    assert.deepEqual(kinds([tie("w", welcomed, at(14, 23))], at(14, 23)), []);
    assert.deepEqual(kinds([tie("w", welcomed, at(15))], at(15)), ["follow_up"]);
    const consolidated = [...welcomed, fact("dm_day_one_way", "other", at(3))];
    assert.deepEqual(kinds([tie("w", consolidated, at(15))], at(15)), []);
  });

  it("disappears when the owner follows up", () => {
    const followed = [...welcomed, fact("dm_day_one_way", "owner", at(15, 2))];
    assert.deepEqual(kinds([tie("w", followed, at(16))], at(16)), []);
  });
});

describe("catch up with fading ties", () => {
  it("ranked by (peak S − current S), with the last topic; gone once the owner writes", () => {
    const settings = { pinnedLayer: 15 } as const;
    const strong = [...establishedFacts(), ...[6, 8, 10].map((d) => fact("call", "other", at(d)))];
    const weak = establishedFacts();
    const now = at(100);
    const ties = [tie("weak", weak, now, {}, settings), tie("strong", strong, now, {}, settings)];
    const list = dailyNudges(ties, now);
    assert.deepEqual(
      list.map((n) => [n.kind, n.tieId]),
      [
        ["catch_up", "strong"],
        ["catch_up", "weak"],
      ],
    );
    assert.equal(list[1]?.context.lastTopic, "the move to Lyon");
    assert.ok((list[0]?.score ?? 0) > (list[1]?.score ?? 0));
    const wrote = tie("weak", [...weak, fact("dm_day_one_way", "owner", at(99))], now, {}, settings);
    assert.equal(wrote.state.stage, "fading");
    assert.deepEqual(kinds([wrote], now), []);
  });
});

describe("reconnect with dormant once-strong ties", () => {
  const strong = [
    ...establishedFacts(),
    ...[5, 6, 7, 8, 9, 10].map((d) => fact("met_in_person", "other", at(d))),
  ];

  it("joins the daily list during the first week of a quarter", () => {
    const inWindow = Date.UTC(2026, 3, 2, 9);
    const outside = Date.UTC(2026, 4, 2, 9);
    assert.ok(isReconnectWindow(inWindow));
    assert.ok(!isReconnectWindow(outside));
    const t = tie("old", strong, inWindow);
    assert.equal(t.state.stage, "dormant");
    assert.ok(t.state.peakStrength >= 0.5);
    assert.deepEqual(kinds([t], inWindow), ["reconnect"]);
    assert.deepEqual(kinds([tie("old", strong, outside)], outside), []);
    assert.equal(reconnectList([tie("old", strong, outside)], outside).length, 1);
  });

  it("leaves out ties that were never strong", () => {
    const weak = [fact("follow", "owner", at(0)), fact("reply", "other", at(1))];
    const now = Date.UTC(2027, 3, 2);
    assert.deepEqual(reconnectList([tie("w", weak, now)], now), []);
  });
});

describe("important dates", () => {
  it("birthdays with or without a year, the day before and on the day", () => {
    const dates = [
      { kind: "birthday" as const, month: 3, day: 14, year: 1990 },
      { kind: "custom" as const, month: 3, day: 15, label: "Wedding anniversary" },
    ];
    const t = (now: number) => tie("d", [fact("follow", "owner", at(0))], now, { dates });
    const day13 = Date.UTC(2024, 2, 13, 8);
    const list = dailyNudges([t(day13)], day13);
    assert.deepEqual(
      list.map((n) => [n.kind, n.context.years ?? null]),
      [["important_date", 34]],
    );
    const day14 = Date.UTC(2024, 2, 14, 8);
    assert.equal(dailyNudges([t(day14)], day14).length, 2);
    assert.equal(dailyNudges([t(Date.UTC(2024, 2, 16))], Date.UTC(2024, 2, 16)).length, 0);
  });

  it("a 29 February birthday falls on 28 February in other years", () => {
    const feb29 = { kind: "birthday" as const, month: 2, day: 29 };
    assert.equal(nextOccurrence(feb29, Date.UTC(2025, 0, 1)), Date.UTC(2025, 1, 28));
    assert.equal(nextOccurrence(feb29, Date.UTC(2028, 0, 1)), Date.UTC(2028, 1, 29));
    assert.equal(nextOccurrence(feb29, Date.UTC(2025, 2, 1)), Date.UTC(2026, 1, 28));
  });
});

describe("daily list", () => {
  const now = at(2);
  const many = Array.from({ length: 8 }, (_, i) => tie(`c${i}`, connected, now));

  it("is capped (default 5) and ranked", () => {
    assert.equal(dailyNudges(many, now).length, 5);
    assert.equal(dailyNudges(many, now, { limit: 3 }).length, 3);
    const mixed = [tie("m", [fact("meetup_coattended", "other", at(1))], now), ...many];
    assert.equal(dailyNudges(mixed, now)[0]?.kind, "meetup_follow_up");
  });

  it("respects dismissals and snoozes", () => {
    const [first] = dailyNudges(many, now);
    const key = first?.key ?? "";
    const dismissed = dailyNudges(many, now, { actions: [{ key, type: "dismissed" }], limit: 20 });
    assert.ok(!dismissed.some((n) => n.key === key));
    const snoozed = { key, type: "snoozed" as const, until: now + HOUR_MS };
    assert.ok(!dailyNudges(many, now, { actions: [snoozed], limit: 20 }).some((n) => n.key === key));
    const later = now + 2 * HOUR_MS;
    const back = dailyNudges(
      many.map((t) => tie(t.id, connected, later)),
      later,
      { actions: [snoozed], limit: 20 },
    );
    assert.ok(back.some((n) => n.key === key));
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { networkReport, type ReportTie } from "../../../src/domain/relationships/report.ts";
import { at, establishedFacts, fact } from "./helpers.ts";

const ties: ReportTie[] = [
  { id: "A", facts: establishedFacts(0), sphere: "personal" },
  { id: "B", facts: [fact("connection_request", "owner", at(10))], sphere: "professional" },
  {
    id: "C",
    facts: [
      fact("connection_request", "other", at(20)),
      fact("connection_accepted", "owner", at(20, 1)),
      fact("dm_day_one_way", "owner", at(30)),
    ],
  },
  { id: "D", facts: [fact("meetup_coattended", "other", at(40)), fact("dm_day_one_way", "owner", at(41))] },
  { id: "E", facts: [fact("meetup_coattended", "other", at(50))] },
  { id: "F", facts: [fact("dm_day_one_way", "other", at(60)), fact("dm_day_one_way", "owner", at(62))] },
  { id: "G", facts: [fact("dm_day_one_way", "other", at(70))] },
];
const period = { from: at(0), to: at(120) };

describe("network report", () => {
  const report = networkReport(ties, period);

  it("initiative: first contacts made and unanswered", () => {
    assert.equal(report.initiative.firstContactsMade, 1 + 1); // A and B (C, D, E, F, G came from the other side)
    assert.equal(report.initiative.firstContactsUnanswered, 1); // B
    assert.equal(report.initiative.firstContactsPending, 0);
  });

  it("initiative: conversations started after ≥ 14 days of silence", () => {
    const facts = [
      fact("reply", "owner", at(0)),
      fact("reply", "other", at(5)),
      fact("reply", "other", at(30)),
      fact("reply", "owner", at(50)),
    ];
    const r = networkReport([{ id: "X", facts }], period);
    assert.deepEqual(r.initiative.conversationsStarted, { count: 2, total: 3, share: 2 / 3 });
  });

  it("follow-through: welcomed within 7 days, meetup follow-ups within 72 h, established within 90 days", () => {
    // A, D (answered at the meetup, then written to) and F were welcomed within 7 days; C a week late
    assert.deepEqual(report.followThrough.welcomedWithin7Days, { count: 3, total: 4, share: 0.75 });
    assert.deepEqual(report.followThrough.meetupFollowUpsWithin72Hours, { count: 1, total: 2, share: 0.5 });
    // A reached established; B and C did not; D..G (first contact after day 30) are still within 90 days
    assert.deepEqual(report.followThrough.establishedWithin90Days, { count: 1, total: 3, share: 1 / 3 });
  });

  it("reciprocity: median R, incoming answered within 7 days, one-sided ties", () => {
    assert.deepEqual(report.reciprocity.incomingAnsweredWithin7Days, { count: 2, total: 3, share: 2 / 3 });
    assert.equal(report.reciprocity.oneSidedTies.count, 3); // C (only the owner), E and G (only the other)
    assert.ok((report.reciprocity.medianReciprocity ?? -1) >= 0);
  });

  it("shape: layers against 5/15/50/150, effort, origin, sphere, months", () => {
    const layers = report.shape.layers;
    assert.deepEqual(
      layers.map((l) => l.cap),
      [5, 15, 50, 150, null],
    );
    assert.equal(layers.at(-1)?.cumulative, ties.length);
    const { closest5, next10 } = report.shape.effort;
    assert.ok(closest5 !== null && next10 !== null && closest5 + next10 <= 1);
    assert.deepEqual(report.shape.origin, { online: 5, offline: 2 });
    assert.deepEqual(report.shape.sphere, { personal: 1, professional: 1, unknown: 5 });
    const months = report.shape.months;
    assert.deepEqual(
      months.map((m) => m.month),
      ["2024-01", "2024-02", "2024-03", "2024-04"],
    );
    assert.equal(
      months.reduce((s, m) => s + m.gained, 0),
      ties.length,
    );
    assert.equal(months[0]?.consolidated, 1);
  });

  it("counts fading ties per month", () => {
    const r = networkReport([{ id: "A", facts: establishedFacts(0), settings: { pinnedLayer: 15 } }], period);
    assert.deepEqual(
      r.shape.months.map((m) => m.faded),
      [0, 0, 1, 0], // day 64: 2024-03-05
    );
  });
});

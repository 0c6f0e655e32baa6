import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyFact, stageOf } from "../../../src/domain/relationships/stages.ts";
import { initialState } from "../../../src/domain/relationships/state.ts";
import type { Fact } from "../../../src/domain/relationships/types.ts";
import { at, both, DAY_MS, establishedFacts, fact } from "./helpers.ts";

const requestAccepted: Fact[] = [
  fact("connection_request", "owner", at(0)),
  fact("connection_accepted", "other", at(0, 2)),
];

describe("contacted", () => {
  it("a connection request, a first DM, a follow or a logged meeting by one side", () => {
    for (const first of [
      fact("connection_request", "owner", at(0)),
      fact("dm_day_one_way", "other", at(0)),
      fact("follow", "owner", at(0)),
      fact("met_in_person", "owner", at(0)),
    ]) {
      const s = both({}, [first], at(1));
      assert.equal(s.stage, "contacted");
      assert.equal(s.contactBy, first.initiator);
    }
  });

  it("→ connected when the other side reciprocates (accept, follow back, answer)", () => {
    assert.equal(both({}, requestAccepted, at(1)).stage, "connected");
    const followBack = [fact("follow", "owner", at(0)), fact("follow", "other", at(2))];
    assert.equal(both({}, followBack, at(3)).stage, "connected");
    const ownLike = [fact("follow", "owner", at(0)), fact("reaction", "other", at(2))];
    assert.equal(both({}, ownLike, at(3)).stage, "contacted");
  });

  it("a second meeting logged on a later day connects an offline contact", () => {
    const meetings = [fact("met_in_person", "owner", at(0)), fact("met_in_person", "owner", at(9))];
    assert.equal(both({}, meetings.slice(0, 1), at(9)).stage, "contacted");
    assert.notEqual(both({}, meetings, at(9, 1)).stage, "contacted");
  });

  it("unanswered after 30 days (flag), still answerable later", () => {
    const request = [fact("connection_request", "owner", at(0))];
    assert.equal(both({}, request, at(30)).firstContactUnanswered, false);
    const late = both({}, request, at(30, 1));
    assert.equal(late.firstContactUnanswered, true);
    assert.equal(late.stage, "contacted");
    const answered = both({}, [...request, fact("connection_accepted", "other", at(40))], at(41));
    assert.equal(answered.stage, "connected");
    assert.equal(answered.firstContactUnanswered, true);
  });
});

describe("connected → welcomed", () => {
  it("a personal 1:1 message from the owner welcomes; a reaction does not", () => {
    const reaction = both({}, [...requestAccepted, fact("reaction", "owner", at(1))], at(2));
    assert.equal(reaction.stage, "connected");
    const comment = both({}, [...requestAccepted, fact("comment", "owner", at(1))], at(2));
    assert.equal(comment.stage, "connected");
    const dm = both({}, [...requestAccepted, fact("dm_day_one_way", "owner", at(3))], at(4));
    assert.equal(dm.stage, "welcomed");
    assert.equal(dm.welcomedAt, at(3));
  });

  it("the other's one-way message is not the owner's welcome, a call is", () => {
    const theirs = both({}, [...requestAccepted, fact("dm_day_one_way", "other", at(1))], at(2));
    assert.equal(theirs.stage, "connected");
    const call = both({}, [...requestAccepted, fact("call", "other", at(1))], at(2));
    assert.equal(call.stage, "welcomed");
  });

  it("answering someone's first DM connects and welcomes at once", () => {
    const facts = [fact("dm_day_one_way", "other", at(0)), fact("dm_day_one_way", "owner", at(1))];
    const s = both({}, facts, at(2));
    assert.equal(s.stage, "welcomed");
    assert.equal(s.connectedAt, at(1));
    assert.equal(s.welcomedAt, at(1));
  });

  it("a welcome after 7 days still counts (late), recorded by its date", () => {
    const s = both({}, [...requestAccepted, fact("dm_day_one_way", "owner", at(9))], at(10));
    assert.equal(s.stage, "welcomed");
    assert.ok((s.welcomedAt ?? 0) - (s.connectedAt ?? 0) > 7 * DAY_MS);
  });
});

describe("welcomed → consolidating", () => {
  const welcomed = [...requestAccepted, fact("dm_day_one_way", "owner", at(1))];

  it("a reciprocated exchange on a second day", () => {
    const s = both({}, [...welcomed, fact("dm_day_one_way", "other", at(3))], at(4));
    assert.equal(s.stage, "consolidating");
    assert.equal(s.consolidatingAt, at(3));
  });

  it("not on the welcome day itself", () => {
    const s = both({}, [...welcomed, fact("dm_day_one_way", "other", at(1, 3))], at(2));
    assert.equal(s.stage, "welcomed");
  });

  it("not when only the owner writes again", () => {
    const s = both({}, [...welcomed, fact("dm_day_one_way", "owner", at(5))], at(6));
    assert.equal(s.stage, "welcomed");
  });

  it("an answer more than 7 days after the owner's last exchange is not reciprocation, a call is", () => {
    const late = both({}, [...welcomed, fact("dm_day_one_way", "other", at(20))], at(21));
    assert.equal(late.stage, "welcomed");
    const call = both({}, [...welcomed, fact("call", "owner", at(20))], at(21));
    assert.equal(call.stage, "consolidating");
  });
});

describe("consolidating → established", () => {
  it("1 in-person day + 3 other days", () => {
    const facts = establishedFacts();
    assert.equal(both({}, facts.slice(0, 5), at(3, 5)).stage, "consolidating");
    const s = both({}, facts, at(4, 5));
    assert.equal(s.stage, "established");
    assert.equal(s.establishedAt, at(4));
  });

  it("≥ 5 interaction-days over ≥ 45 days with R ≥ 0.3 and S ≥ 0.35", () => {
    const base = [
      ...requestAccepted,
      fact("dm_day_one_way", "owner", at(1)),
      fact("dm_day_one_way", "other", at(2)),
    ];
    const days = [10, 25, 40].map((d, i) => fact("call", i % 2 ? "owner" : "other", at(d)));
    const short = both({}, [...base, ...days], at(41));
    assert.equal(short.stage, "consolidating"); // 5 days, but over 39 days
    const s = both({}, [...base, ...days, fact("dm_day_both", "other", at(47))], at(48));
    assert.equal(s.stage, "established");
  });

  it("not when S < 0.35 (light contact)", () => {
    const base = [
      ...requestAccepted,
      fact("dm_day_one_way", "owner", at(1)),
      fact("dm_day_one_way", "other", at(2)),
    ];
    const light = [10, 25, 40, 50].map((d, i) => fact("comment", i % 2 ? "owner" : "other", at(d)));
    const s = both({}, [...base, ...light], at(51));
    assert.equal(s.stage, "consolidating");
  });

  it("not when R < 0.3 (the owner does all the work)", () => {
    const base = [
      ...requestAccepted,
      fact("dm_day_one_way", "owner", at(1)),
      fact("dm_day_one_way", "other", at(2)),
    ];
    const pushy = [5, 10, 15, 20, 25, 30, 35, 40, 46].map((d) => fact("call", "owner", at(d)));
    const owner = [
      ...base,
      ...pushy.map((f) => ({ ...f, kind: "introduction" as const, channel: "dm" as const })),
    ];
    const s = both({}, owner, at(47));
    assert.equal(s.stage, "consolidating");
  });
});

describe("applyFact", () => {
  it("refuses an older fact (recompute instead) and a future one", () => {
    const state = applyFact(initialState(), fact("follow", "owner", at(5)), at(5));
    assert.throws(() => applyFact(state, fact("reply", "owner", at(4)), at(6)), RangeError);
    assert.throws(() => applyFact(state, fact("reply", "owner", at(7)), at(6)), RangeError);
  });

  it("a tie without facts has no stage", () => {
    assert.equal(stageOf({}, [], at(0)).stage, "none");
  });
});

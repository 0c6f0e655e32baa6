import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { dedupe, sortFacts } from "../../../src/domain/relationships/ledger.ts";
import { stageOf } from "../../../src/domain/relationships/stages.ts";
import { stateStrength } from "../../../src/domain/relationships/state.ts";
import {
  activation,
  duration,
  intensity,
  matchedInitiative,
  multiplexity,
  reciprocity,
  strength,
  structure,
} from "../../../src/domain/relationships/strength.ts";
import type { Fact } from "../../../src/domain/relationships/types.ts";
import { arbFact, arbSettings, at, DAY_MS, fact, T0 } from "./helpers.ts";

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe("strength terms", () => {
  it("activation halves every 90 days, every 270 for family", () => {
    const f = [fact("met_in_person", "owner", at(0))];
    close(activation(f, at(90), 90), 0.5);
    close(activation(f, at(270), 270), 0.5);
    close(strength(f, at(270), { family: true }).activation, 0.5);
  });

  it("monthly full-weight contact gives intensity around 0.63", () => {
    const facts = Array.from({ length: 60 }, (_, i) => fact("met_in_person", "owner", at(30 * i)));
    for (const offset of [0, 10, 20, 29]) {
      const i = intensity(activation(facts, at(30 * 59 + offset), 90));
      assert.ok(i > 0.58 && i < 0.69, `I = ${i}`);
    }
  });

  it("duration saturates at five years", () => {
    assert.equal(duration(null, at(0)), 0);
    assert.equal(duration(at(0), at(0)), 0);
    close(duration(at(0), at(1825)), Math.log(1826) / Math.log(1826));
    assert.equal(duration(at(0), at(4000)), 1);
    assert.ok(duration(at(0), at(365)) < 1);
  });

  it("reciprocity: balanced is 1, one-sided is 0, none is 0", () => {
    assert.equal(reciprocity(3, 3), 1);
    assert.equal(reciprocity(4, 0), 0);
    assert.equal(reciprocity(0, 0), 0);
    close(reciprocity(3, 1), 0.5);
  });

  it("strength's reciprocity is matched initiative m / (m + 1), m = min(out, in); the balance is kept beside it", () => {
    assert.equal(matchedInitiative(0, 5), 0);
    close(matchedInitiative(1, 1), 0.5);
    close(matchedInitiative(4, 9), 0.8);
    const facts = [
      fact("reply", "owner", at(0)),
      fact("reply", "other", at(1)),
      fact("reply", "owner", at(2)),
    ];
    const r = strength(facts, at(3));
    close(r.terms.reciprocity, 0.5);
    close(r.balance, 1 - 1 / 3);
    assert.deepEqual(r.initiations, { owner: 2, other: 1 });
  });

  it("reciprocity counts initiations of the last 365 days only", () => {
    const facts = [
      fact("reply", "owner", at(0)),
      fact("reply", "other", at(400)),
      fact("reply", "owner", at(401)),
    ];
    close(strength(facts, at(402)).terms.reciprocity, 0.5);
    close(strength(facts, at(402)).balance, 1);
    close(strength(facts, at(300)).terms.reciprocity, 0);
  });

  it("multiplexity: (channels − 1) / 3, capped at 1, within 365 days", () => {
    assert.equal(multiplexity(0), 0);
    assert.equal(multiplexity(1), 0);
    close(multiplexity(2), 1 / 3);
    assert.equal(multiplexity(5), 1);
    const facts = [
      fact("reply", "owner", at(0)),
      fact("call", "other", at(10)),
      fact("met_in_person", "owner", at(20)),
    ];
    close(strength(facts, at(30)).terms.multiplexity, 2 / 3);
    close(strength(facts, at(375)).terms.multiplexity, 1 / 3);
    assert.equal(strength(facts, at(380)).terms.multiplexity, 0);
  });

  it("structure is the mean strength of mutual ties", () => {
    assert.equal(structure(undefined), 0);
    assert.equal(structure([]), 0);
    close(structure([0.2, 0.4]), 0.3);
  });

  it("S = 0.55·I + 0.15·D + 0.10·R + 0.10·M + 0.10·N and the contributions sum to it", () => {
    const facts = [fact("call", "owner", at(0)), fact("dm_day_both", "other", at(40))];
    const r = strength(facts, at(60), { mutualStrengths: [0.5] });
    const t = r.terms;
    close(
      r.computed,
      0.55 * t.intensity + 0.15 * t.duration + 0.1 * t.reciprocity + 0.1 * t.multiplexity + 0.05,
    );
    const c = r.contributions;
    close(c.intensity + c.duration + c.reciprocity + c.multiplexity + c.structure, r.computed);
  });

  it("explains with the top facts, largest first, sharing the intensity contribution", () => {
    const facts = [
      fact("reaction", "other", at(50)),
      fact("met_in_person", "owner", at(40)),
      fact("reply", "owner", at(0)),
    ];
    const r = strength(facts, at(60), {}, 2);
    assert.deepEqual(
      r.topFacts.map((f) => f.fact.kind),
      ["met_in_person", "reply"],
    );
    const all = strength(facts, at(60));
    close(
      all.topFacts.reduce((s, f) => s + f.strength, 0),
      all.contributions.intensity,
    );
  });

  it("the closeness override replaces the displayed value, keeping the computed one", () => {
    const r = strength([fact("reply", "owner", at(0))], at(1), { closeness: 0.9 });
    assert.equal(r.value, 0.9);
    assert.equal(r.override, 0.9);
    assert.ok(r.computed < 0.2);
  });

  it("ignores facts after now", () => {
    const r = strength([fact("met_in_person", "owner", at(10))], at(5));
    assert.equal(r.computed, 0);
  });
});

describe("strength properties", () => {
  const arbNow = fc.integer({ min: -100, max: 5 * 365 }).map((d) => T0 + d * DAY_MS);

  it("strength stays in [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 120 }), arbNow, arbSettings, (facts, now, settings) => {
        const r = strength(facts, now, settings);
        for (const x of [r.value, r.computed, ...Object.values(r.terms)]) assert.ok(x >= 0 && x <= 1, `${x}`);
      }),
    );
  });

  it("reciprocity is symmetric: swapping who initiated changes nothing", () => {
    const swap = (f: Fact): Fact => ({ ...f, initiator: f.initiator === "owner" ? "other" : "owner" });
    fc.assert(
      fc.property(fc.nat({ max: 50 }), fc.nat({ max: 50 }), (a, b) =>
        assert.equal(reciprocity(a, b), reciprocity(b, a)),
      ),
    );
    // When both sides did the same thing at the same instant, the day keeps one of the two facts and
    // the canonical order picks the owner's (next test): only there may swapping sides change the count.
    const noSimultaneousSides = (facts: Fact[]) =>
      facts.every((f) => facts.every((g) => g.occurredAt !== f.occurredAt || g.initiator === f.initiator));
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 60 }).filter(noSimultaneousSides), arbNow, (facts, now) => {
        close(strength(facts, now).terms.reciprocity, strength(facts.map(swap), now).terms.reciprocity);
      }),
    );
  });

  it("both sides boosting at the same instant count as the owner's initiation (one fact a kind a day)", () => {
    const both = [fact("boost", "other", at(0)), fact("boost", "owner", at(0))];
    assert.deepEqual(strength(both, at(1)).initiations, { owner: 1, other: 0 });
    assert.deepEqual(strength([...both].reverse(), at(1)).initiations, { owner: 1, other: 0 });
  });

  it("a more recent fact never lowers strength (same history, one later contact)", () => {
    const now = T0 + 4 * 365 * DAY_MS;
    const windowStart = now - 365 * DAY_MS;
    fc.assert(
      fc.property(
        fc.array(arbFact, { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        arbSettings,
        (facts, pick, fraction, settings) => {
          const ledger = dedupe(facts);
          // Duplicates collapse: a ledger of one fact has nothing to move (found by fast-check, seed 128341586).
          fc.pre(ledger.length >= 2);
          const index = 1 + (pick % (ledger.length - 1));
          const moved = ledger[index] as Fact;
          const inWindow = moved.occurredAt >= windowStart;
          const target = Math.floor(
            moved.occurredAt + fraction * ((inWindow ? now : windowStart - 1) - moved.occurredAt),
          );
          const after = ledger.map((f, i) => (i === index ? { ...f, occurredAt: target } : f));
          const sameShape = (xs: Fact[]) =>
            sortFacts(dedupe(xs))
              .map((f) => `${f.kind}:${f.initiator}`)
              .sort();
          fc.pre(JSON.stringify(sameShape(after)) === JSON.stringify(sameShape(ledger)));
          fc.pre(Math.min(...after.map((f) => f.occurredAt)) === ledger[0]?.occurredAt);
          const before = strength(ledger, now, settings).computed;
          assert.ok(strength(after, now, settings).computed >= before - 1e-12);
        },
      ),
    );
  });

  it("a new fact, later than every other, never lowers strength (whoever initiates it)", () => {
    fc.assert(
      fc.property(
        fc.array(arbFact, { maxLength: 60 }),
        arbFact,
        fc.integer({ min: 1, max: 400 * DAY_MS }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        arbSettings,
        (facts, extra, gap, wait, settings) => {
          const last = Math.max(T0, ...facts.map((f) => f.occurredAt));
          const added: Fact = { ...extra, occurredAt: last + gap };
          const now = added.occurredAt + wait;
          const before = strength(facts, now, settings).computed;
          const after = strength([...facts, added], now, settings).computed;
          assert.ok(after >= before - 1e-12, `${after} < ${before}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the busier side writing again no longer lowers strength (the flaw of the balance formula)", () => {
    const facts = [fact("reply", "owner", at(0)), fact("reply", "other", at(1))];
    const more = [...facts, fact("reaction", "owner", at(2))];
    assert.ok(strength(more, at(3)).computed >= strength(facts, at(3)).computed);
    // With the spec's balance as the term, it would have dropped by 0.1 × (1 − 2/3).
    assert.ok(strength(more, at(3)).balance < strength(facts, at(3)).balance);
  });

  it("the incremental state gives the same strength as the batch computation", () => {
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 80 }), arbNow, arbSettings, (facts, now, settings) => {
        close(
          stateStrength(stageOf(settings, facts, now), now),
          strength(facts, now, settings).computed,
          1e-9,
        );
      }),
    );
  });
});

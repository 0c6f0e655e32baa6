import assert from "node:assert/strict";
import { it } from "node:test";
import { assignLayers, layerForRate } from "../../../src/domain/relationships/layers.ts";
import { dailyNudges } from "../../../src/domain/relationships/nudges.ts";
import { stageOf } from "../../../src/domain/relationships/stages.ts";
import { stateRate, stateStrength } from "../../../src/domain/relationships/state.ts";
import { strength } from "../../../src/domain/relationships/strength.ts";
import type { Fact } from "../../../src/domain/relationships/types.ts";
import { DAY_MS, fact, KINDS, T0 } from "./helpers.ts";

/** Deterministic pseudo-random numbers (LCG). */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function network(ties: number, factsPerTie: number): Fact[][] {
  const next = random(42);
  return Array.from({ length: ties }, () =>
    Array.from({ length: factsPerTie }, () => {
      const kind = KINDS[Math.floor(next() * KINDS.length)] ?? "reply";
      return fact(kind, next() < 0.5 ? "owner" : "other", T0 + Math.floor(next() * 3 * 365 * DAY_MS));
    }),
  );
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

/** Full state of every tie (stage, strength, layer) and the daily list; then the explained strengths. */
function computeNetwork(all: readonly Fact[][], now: number) {
  const [states, stateMs] = timed(() => {
    const states = all.map((facts) => stageOf({}, facts, now));
    const layers = assignLayers(
      states.map((state, i) => ({
        id: `t${i}`,
        layer: layerForRate(stateRate(state, now)),
        strength: stateStrength(state, now),
      })),
    );
    const nudges = dailyNudges(
      states.map((state, i) => ({ id: `t${i}`, state })),
      now,
    );
    return { states, layers, nudges };
  });
  const [explained, explainMs] = timed(() => all.map((facts) => strength(facts, now)));
  return { ...states, explained, stateMs, explainMs };
}

it("perf sanity: 5,000 ties with 200,000 facts (printed, not asserted)", (t) => {
  const all = network(5_000, 40);
  const now = T0 + 3 * 365 * DAY_MS;
  for (const run of ["cold", "warm"]) {
    const r = computeNetwork(all, now);
    t.diagnostic(
      `${run}: states+strengths+layers+nudges ${r.stateMs.toFixed(0)} ms; ` +
        `explained strengths (batch) ${r.explainMs.toFixed(0)} ms`,
    );
    assert.equal(r.states.length, 5_000);
    assert.equal(r.layers.length, 5_000);
    assert.equal(r.explained.length, 5_000);
    assert.ok(r.nudges.length <= 5);
  }
});

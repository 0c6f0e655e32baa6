import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  assignLayers,
  contactRate,
  type LayerCandidate,
  layerForRate,
} from "../../../src/domain/relationships/layers.ts";
import { activation } from "../../../src/domain/relationships/strength.ts";
import type { Layer } from "../../../src/domain/relationships/types.ts";
import { arbLayer, at, fact } from "./helpers.ts";

function candidates(layer: Layer, count: number, prefix: string): LayerCandidate[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    layer,
    strength: (count - i) / (count + 1),
  }));
}

describe("layers", () => {
  it("λ = A·ln2/h·365 recovers a steady weighted contact rate", () => {
    const facts = Array.from({ length: 400 }, (_, i) => fact("met_in_person", "owner", at(7 * i)));
    const rate = contactRate(activation(facts, at(7 * 399 + 3), 90), 90);
    assert.ok(rate > 48 && rate < 56, `λ = ${rate}`); // ≈ 52 meetings a year
  });

  it("layer thresholds 40 / 10 / 1.8 / 0.7", () => {
    assert.equal(layerForRate(40), 5);
    assert.equal(layerForRate(39.99), 15);
    assert.equal(layerForRate(10), 15);
    assert.equal(layerForRate(9.99), 50);
    assert.equal(layerForRate(1.8), 50);
    assert.equal(layerForRate(1.79), 150);
    assert.equal(layerForRate(0.7), 150);
    assert.equal(layerForRate(0.69), 500);
    assert.equal(layerForRate(0), 500);
  });

  it("caps layer 5 at 5 ties, demoting the weakest", () => {
    const out = assignLayers(candidates(5, 7, "a"));
    assert.deepEqual(
      out.map((a) => a.layer),
      [5, 5, 5, 5, 5, 15, 15],
    );
    assert.deepEqual(
      out.map((a) => a.demoted),
      [false, false, false, false, false, true, true],
    );
  });

  it("caps cumulative sizes 5 / 15 / 50 / 150; the overflow falls to 500", () => {
    const out = assignLayers([...candidates(5, 20, "a"), ...candidates(150, 200, "b")]);
    const count = (l: Layer) => out.filter((a) => a.layer === l).length;
    assert.deepEqual([count(5), count(15), count(50), count(150), count(500)], [5, 10, 5, 130, 70]);
  });

  it("keeps pinned ties in place, counting them toward the caps", () => {
    const pinned: LayerCandidate[] = [0, 1, 2, 3, 4, 5].map((i) => ({
      id: `p${i}`,
      layer: 500,
      strength: 0.01,
      pinnedLayer: 5,
    }));
    const out = assignLayers([...pinned, { id: "strong", layer: 5, strength: 0.99 }]);
    assert.deepEqual(
      out.map((a) => a.layer),
      [5, 5, 5, 5, 5, 5, 15],
    );
    assert.equal(out[0]?.pinned, true);
  });

  it("property: cumulative caps hold for unpinned ties and nobody is promoted", () => {
    const rank = (l: Layer) => [5, 15, 50, 150, 500].indexOf(l);
    const arb = fc.array(
      fc.record({ layer: arbLayer, strength: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const ties = rows.map((r, i) => ({ id: `t${i}`, ...r }));
        const out = assignLayers(ties);
        for (const cap of [5, 15, 50, 150] as const) {
          assert.ok(out.filter((a) => rank(a.layer) <= rank(cap)).length <= cap);
        }
        out.forEach((a, i) => {
          assert.ok(rank(a.layer) >= rank((ties[i] as LayerCandidate).layer));
        });
      }),
    );
  });
});

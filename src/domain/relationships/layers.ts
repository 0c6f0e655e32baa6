/** Dunbar layers (RELATIONSHIPS.md §3): contact rate, layer by rate, capped cumulative sizes. */
import { CAPPED_LAYERS, LAYER_CAPS, LAYER_RATE_THRESHOLDS } from "./params.ts";
import type { Layer } from "./types.ts";

/** Contact rate λ per year = A · ln2 / h · 365 (h in days): the steady weighted contacts per year giving A. */
export function contactRate(activation: number, halfLife: number): number {
  return ((Math.max(0, activation) * Math.LN2) / halfLife) * 365;
}

/** Layer by λ: ≥ 40 → 5, ≥ 10 → 15, ≥ 1.8 → 50, ≥ 0.7 → 150, else 500. */
export function layerForRate(rate: number): Layer {
  for (const { layer, minRate } of LAYER_RATE_THRESHOLDS) if (rate >= minRate) return layer;
  return 500;
}

export function nextLayer(layer: Layer): Layer {
  const index = CAPPED_LAYERS.indexOf(layer);
  return CAPPED_LAYERS[index + 1] ?? 500;
}

export interface LayerCandidate {
  readonly id: string;
  /** The layer from the tie's contact rate. */
  readonly layer: Layer;
  readonly strength: number;
  /** The owner pinned the tie to this layer: it is never moved and counts toward the caps. */
  readonly pinnedLayer?: Layer;
}

export interface LayerAssignment {
  readonly id: string;
  readonly layer: Layer;
  readonly pinned: boolean;
  /** Moved out of its rate layer by a cap. */
  readonly demoted: boolean;
}

function byStrengthDesc(a: LayerCandidate, b: LayerCandidate): number {
  return b.strength - a.strength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Cap the cumulative layer sizes at 5/15/50/150, demoting the lowest strengths to the next layer.
 * Pinned ties stay where the owner put them (even past a cap) and use up that layer's room.
 * Returns one assignment per candidate, in input order.
 */
export function assignLayers(ties: readonly LayerCandidate[]): LayerAssignment[] {
  const current = new Map<string, Layer>();
  for (const tie of ties) current.set(tie.id, tie.pinnedLayer ?? tie.layer);
  let placed = 0;
  for (const layer of CAPPED_LAYERS) {
    const members = ties.filter((tie) => current.get(tie.id) === layer);
    const pinned = members.filter((tie) => tie.pinnedLayer !== undefined);
    const free = members.filter((tie) => tie.pinnedLayer === undefined).sort(byStrengthDesc);
    const room = Math.max(0, LAYER_CAPS[layer] - placed - pinned.length);
    for (const tie of free.slice(room)) current.set(tie.id, nextLayer(layer));
    placed += pinned.length + Math.min(room, free.length);
  }
  return ties.map((tie) => {
    const layer = current.get(tie.id) ?? 500;
    const pinned = tie.pinnedLayer !== undefined;
    return { id: tie.id, layer, pinned, demoted: !pinned && layer !== tie.layer };
  });
}

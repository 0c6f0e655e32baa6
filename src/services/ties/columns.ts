import type { Selectable } from "kysely";
import type { TiesTable } from "../../db/schema-ties.ts";
import {
  dormantAfterDays,
  fadingAfterDays,
  layerForRate,
  stateRate,
  type TieState,
  tieCadence,
} from "../../domain/relationships/index.ts";
import { CONTACT_UNANSWERED_DAYS, DAY_MS } from "../../domain/relationships/params.ts";
import { displayedStrength } from "../../domain/relationships/state.ts";
import type { Layer, TieSettings } from "../../domain/relationships/types.ts";

export type TieRow = Selectable<TiesTable>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The owner's settings stored on a tie row, as the engine takes them. */
export function settingsOf(
  row: Pick<TieRow, "family" | "pinned_layer" | "cadence_days" | "closeness"> | undefined,
): TieSettings {
  if (!row) return {};
  return {
    ...(row.family ? { family: true } : {}),
    ...(row.pinned_layer ? { pinnedLayer: row.pinned_layer as Layer } : {}),
    ...(row.cadence_days ? { cadenceDays: row.cadence_days } : {}),
    ...(row.closeness !== null && row.closeness !== undefined ? { closeness: row.closeness } : {}),
  };
}

/**
 * When the passing of time next changes this tie without any new fact: fading (silence > 2C), dormant
 * (silence > min(8C, 3 years)), a first contact left unanswered (30 days). Null when nothing is pending.
 */
export function nextChangeAt(state: TieState, nowMs: number): number | null {
  const candidates: number[] = [];
  if (state.contactedAt !== null && state.connectedAt === null && !state.firstContactUnanswered) {
    candidates.push(state.contactedAt + CONTACT_UNANSWERED_DAYS * DAY_MS + 1);
  }
  if (state.stage !== "none" && state.stage !== "dormant" && state.lastAt !== null) {
    const cadence = tieCadence(state).days;
    const fading = fadingAfterDays(cadence);
    const dormant = dormantAfterDays(cadence);
    const fades = state.stage === "established" || state.stage === "consolidating";
    if (fades && fading !== null && fading < dormant) {
      candidates.push(state.lastAt + fading * DAY_MS + 1);
    }
    candidates.push(state.lastAt + dormant * DAY_MS + 1);
  }
  const future = candidates.filter((t) => t > nowMs);
  return future.length === 0 ? null : Math.min(...future);
}

/** The tie's layer by its current contact rate (before the owner-wide caps), or the pinned one. */
export function uncappedLayer(state: TieState, nowMs: number): Layer {
  return state.settings.pinnedLayer ?? layerForRate(stateRate(state, nowMs));
}

/** The derived columns of a tie row from its state, as of `nowMs` (the state already advanced to it). */
export function derivedColumns(state: TieState, nowMs: number) {
  const cadence = tieCadence(state).days;
  return {
    stage: state.stage,
    strength: displayedStrength(state, nowMs),
    peak_strength: state.peakStrength,
    activation: state.activation,
    activation_at: state.lastInteractionAt === null ? null : iso(state.activationAt),
    first_at: iso(state.firstAt),
    last_interaction_at: iso(state.lastInteractionAt),
    connected_at: iso(state.connectedAt),
    last_meetup_at: iso(state.lastMeetupAt),
    next_suggested_at:
      state.lastInteractionAt === null || cadence === null
        ? null
        : iso(state.lastInteractionAt + cadence * DAY_MS),
    next_change_at: iso(nextChangeAt(state, nowMs)),
    state: JSON.stringify(state),
    computed_at: new Date(nowMs).toISOString(),
  };
}

export function parseState(row: Pick<TieRow, "state">): TieState {
  return JSON.parse(row.state) as TieState;
}

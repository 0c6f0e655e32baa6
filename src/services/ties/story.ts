import {
  advance,
  type Cadence,
  initialState,
  type StrengthResult,
  stageOf,
  strength,
  tieCadence,
} from "../../domain/relationships/index.ts";
import type { Layer, Stage } from "../../domain/relationships/types.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseState, settingsOf, uncappedLayer } from "./columns.ts";
import { type LedgerRow, sortByTime, toFact } from "./facts.ts";
import { resolveTarget, type TieRef, type TieTarget } from "./target.ts";

export interface TimelineEntry {
  kind: string;
  initiator: "owner" | "other";
  at: string;
  /** What wrote it: "message", "connection", "log.coffee"… */
  source: string;
  note: string | null;
}

export interface ImportantDateView {
  id: string;
  kind: "birthday" | "custom";
  month: number;
  day: number;
  year: number | null;
  label: string;
}

export interface HowWeMet {
  where: string;
  on: string | null;
  story: string;
}

export interface TieSettingsView {
  family: boolean;
  pinnedLayer: Layer | null;
  cadenceDays: number | null;
  /** 0..100, or null. */
  closeness: number | null;
  snoozedUntil: string | null;
  sphere: "personal" | "professional" | null;
}

export interface Story {
  /** The server's time when read (forms default to its day). */
  now: string;
  target: TieTarget;
  connected: boolean;
  stage: Stage;
  strength: StrengthResult;
  layer: Layer;
  cadence: Cadence;
  lastInteractionAt: string | null;
  nextSuggestedAt: string | null;
  howWeMet: HowWeMet | null;
  notes: string;
  /** Notes live on the contact (edited there) for an offline contact. */
  notesOnContact: boolean;
  dates: ImportantDateView[];
  settings: TieSettingsView;
  timeline: TimelineEntry[];
  /** Facts in the ledger (the timeline shows the newest TIMELINE_LIMIT). */
  factCount: number;
}

export const TIMELINE_LIMIT = 100;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** "Our story": everything the viewer knows and the engine derives about one tie. Private to the viewer. */
export async function readStory(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  ref: TieRef,
): Promise<Story> {
  const target = await resolveTarget(deps.db, viewer, ref);
  const nowMs = deps.clock.now().getTime();
  const owner = viewer.accountId;
  const [row, ledger, dates, connection, contact] = await Promise.all([
    deps.db
      .selectFrom("ties")
      .selectAll()
      .where("owner_id", "=", owner)
      .where("other_key", "=", target.key)
      .executeTakeFirst(),
    deps.db
      .selectFrom("interactions")
      .select(["kind", "initiator", "channel", "occurred_at", "source_id", "note", "source_type"])
      .where("owner_id", "=", owner)
      .where("other_key", "=", target.key)
      .execute()
      .then(sortByTime),
    deps.db
      .selectFrom("tie_dates")
      .select(["id", "kind", "month", "day", "year", "label"])
      .where("owner_id", "=", owner)
      .where("other_key", "=", target.key)
      .orderBy("month")
      .orderBy("day")
      .execute(),
    target.handle
      ? deps.db
          .selectFrom("connections")
          .select(["met_where", "met_on", "met_through"])
          .where("owner_id", "=", owner)
          .where("other_id", "=", target.key)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    target.contactId
      ? deps.db
          .selectFrom("contacts")
          .select(["met_where", "met_on", "how_met", "notes"])
          .where("id", "=", target.contactId)
          .where("owner_id", "=", owner)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const settings = settingsOf(row);
  const facts = ledger.map((r) => toFact(r as LedgerRow)).filter((f) => f !== null);
  const state = row
    ? advance(parseState(row), nowMs)
    : facts.length > 0
      ? stageOf(settings, facts, nowMs)
      : initialState(settings);
  const cadence = tieCadence(state);
  const met = connection
    ? { where: connection.met_where, on: connection.met_on, story: connection.met_through }
    : contact
      ? { where: contact.met_where, on: contact.met_on, story: contact.how_met }
      : null;
  return {
    now: new Date(nowMs).toISOString(),
    target,
    connected: connection !== undefined,
    stage: state.stage,
    strength: strength(facts, nowMs, settings),
    layer: ((row?.layer as Layer | undefined) ?? uncappedLayer(state, nowMs)) as Layer,
    cadence,
    lastInteractionAt: iso(state.lastInteractionAt),
    nextSuggestedAt:
      state.lastInteractionAt !== null && cadence.days !== null
        ? iso(state.lastInteractionAt + cadence.days * 86_400_000)
        : null,
    howWeMet: met && (met.where || met.on || met.story) ? met : null,
    notes: contact ? contact.notes : (row?.notes ?? ""),
    notesOnContact: contact !== undefined,
    dates: dates.map((d) => ({ ...d, kind: d.kind === "custom" ? "custom" : "birthday" })),
    settings: {
      family: row?.family === 1,
      pinnedLayer: (row?.pinned_layer as Layer | null) ?? null,
      cadenceDays: row?.cadence_days ?? null,
      closeness:
        row?.closeness === null || row?.closeness === undefined ? null : Math.round(row.closeness * 100),
      snoozedUntil: row?.snoozed_until ?? null,
      sphere: row?.sphere ?? null,
    },
    timeline: ledger
      .slice(-TIMELINE_LIMIT)
      .reverse()
      .map((r) => ({
        kind: r.kind,
        initiator: r.initiator,
        at: r.occurred_at,
        source: r.source_type,
        note: r.note,
      })),
    factCount: ledger.length,
  };
}

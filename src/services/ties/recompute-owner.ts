import { forEachArray } from "../../db/arrays.ts";
import { assignLayers, stageOf } from "../../domain/relationships/index.ts";
import type { Fact, Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { derivedColumns, settingsOf, uncappedLayer } from "./columns.ts";
import { factOf } from "./facts.ts";

const WRITE_BATCH = 500;

type LedgerArray = [string, number | boolean, string, string, string, string, string | null];

/**
 * Recomputes every tie of one owner from the ledger in one pass (one read of the owner's facts, one
 * of their settings, the Dunbar caps over all ties, batched upserts in a transaction), creating the
 * missing rows: after a bulk import of historical facts, which bypasses the per-fact update. Enqueue
 * `ties.recompute-owner` with `{ ownerId }` to run it in the background. Returns the number of ties.
 */
export async function recomputeOwner(
  deps: Pick<Deps, "db">,
  ownerId: string,
  nowMs: number,
): Promise<number> {
  const byKey = new Map<string, { actorId: string | null; facts: Fact[] }>();
  const [, existing] = await Promise.all([
    // 200,000 facts for a big owner: arrays of the columns the engine uses, one at a time, not one
    // object per row kept alive (the ledger is stored by owner and tie: one contiguous range).
    forEachArray(
      deps.db,
      deps.db
        .selectFrom("interactions")
        .select((eb) => [
          "other_key",
          // A flag, not the id again (it is other_key when set): 200,000 fewer strings.
          eb("other_actor_id", "is not", null).as("is_actor"),
          "kind",
          "initiator",
          "channel",
          "occurred_at",
          "note",
        ])
        .where("owner_id", "=", ownerId),
      (row) => {
        const [key, isActor, kind, initiator, channel, occurredAt, note] = row as LedgerArray;
        const fact = factOf(kind, initiator, channel, occurredAt, note);
        if (!fact) return;
        let entry = byKey.get(key);
        if (!entry) {
          entry = { actorId: isActor ? key : null, facts: [] };
          byKey.set(key, entry);
        }
        entry.facts.push(fact);
      },
    ),
    deps.db
      .selectFrom("ties")
      .select(["other_key", "family", "pinned_layer", "cadence_days", "closeness"])
      .where("owner_id", "=", ownerId)
      .execute(),
  ]);
  const settingsByKey = new Map(existing.map((e) => [e.other_key, e]));
  const computed = [...byKey].map(([key, { actorId, facts }]) => {
    const state = stageOf(settingsOf(settingsByKey.get(key)), facts, nowMs);
    return { key, actorId, state, columns: derivedColumns(state, nowMs) };
  });
  const layers = assignLayers(
    computed.map(({ key, state, columns }) => {
      const base = { id: key, layer: uncappedLayer(state, nowMs), strength: columns.strength };
      const pinned = state.settings.pinnedLayer;
      return pinned === undefined ? base : { ...base, pinnedLayer: pinned };
    }),
  );
  const now = new Date(nowMs).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    for (let i = 0; i < computed.length; i += WRITE_BATCH) {
      const values = computed.slice(i, i + WRITE_BATCH).map(({ key, actorId, columns }, j) => ({
        owner_id: ownerId,
        other_key: key,
        other_actor_id: actorId,
        other_contact_id: actorId ? null : key,
        ...columns,
        layer: (layers[i + j]?.layer ?? 500) as Layer,
        created_at: now,
        updated_at: now,
      }));
      await tx
        .insertInto("ties")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["owner_id", "other_key"]).doUpdateSet((eb) => ({
            stage: eb.ref("excluded.stage"),
            strength: eb.ref("excluded.strength"),
            peak_strength: eb.ref("excluded.peak_strength"),
            layer: eb.ref("excluded.layer"),
            activation: eb.ref("excluded.activation"),
            activation_at: eb.ref("excluded.activation_at"),
            first_at: eb.ref("excluded.first_at"),
            last_interaction_at: eb.ref("excluded.last_interaction_at"),
            connected_at: eb.ref("excluded.connected_at"),
            last_meetup_at: eb.ref("excluded.last_meetup_at"),
            next_suggested_at: eb.ref("excluded.next_suggested_at"),
            next_change_at: eb.ref("excluded.next_change_at"),
            state: eb.ref("excluded.state"),
            computed_at: eb.ref("excluded.computed_at"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
  });
  return computed.length;
}

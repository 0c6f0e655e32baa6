import { assignLayers, stageOf } from "../../domain/relationships/index.ts";
import type { Fact, Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { derivedColumns, settingsOf, uncappedLayer } from "./columns.ts";
import { toFact } from "./facts.ts";

const WRITE_BATCH = 500;

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
  const [rows, existing] = await Promise.all([
    deps.db
      .selectFrom("interactions")
      .select([
        "other_key",
        "other_actor_id",
        "kind",
        "initiator",
        "channel",
        "occurred_at",
        "source_id",
        "note",
      ])
      .where("owner_id", "=", ownerId)
      .execute(),
    deps.db
      .selectFrom("ties")
      .select(["other_key", "family", "pinned_layer", "cadence_days", "closeness"])
      .where("owner_id", "=", ownerId)
      .execute(),
  ]);
  const byKey = new Map<string, { actorId: string | null; facts: Fact[] }>();
  for (const row of rows) {
    const fact = toFact(row);
    if (!fact) continue;
    let entry = byKey.get(row.other_key);
    if (!entry) {
      entry = { actorId: row.other_actor_id, facts: [] };
      byKey.set(row.other_key, entry);
    }
    entry.facts.push(fact);
  }
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

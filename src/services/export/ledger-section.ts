/** The export's ledger (every dated fact) and the ties computed from it, with each tie's stage and strength. */
import { displayedStrength, rhythmLayer, stageOf } from "../../domain/relationships/index.ts";
import type { Channel, Fact, FactKind } from "../../domain/relationships/types.ts";
import type { ExportSection } from "./sections.ts";

export const ledgerSection: ExportSection = {
  name: "ledger",
  async write(zip, deps, accountId) {
    const db = deps.db;
    const facts = await db
      .selectFrom("interactions as i")
      .leftJoin("actors as a", "a.id", "i.other_actor_id")
      .leftJoin("contacts as c", "c.id", "i.other_contact_id")
      .select([
        "i.other_key",
        "i.initiator",
        "i.kind",
        "i.channel",
        "i.occurred_at",
        "i.source_type",
        "i.note",
        "a.handle",
        "a.domain",
        "a.display_name",
        "c.name as contact_name",
      ])
      .where("i.owner_id", "=", accountId)
      .orderBy("i.occurred_at")
      .execute();
    const who = (f: (typeof facts)[number]) =>
      f.handle ? (f.domain ? `@${f.handle}@${f.domain}` : `@${f.handle}`) : (f.contact_name ?? "");
    const rows = facts.map((f) => ({
      with: who(f),
      name: f.display_name ?? f.contact_name ?? "",
      initiator: f.initiator,
      kind: f.kind,
      channel: f.channel,
      at: f.occurred_at,
      source: f.source_type,
      note: f.note,
    }));
    zip.json("ledger/interactions.json", rows);
    zip.csv(
      "ledger/interactions.csv",
      ["with", "name", "initiator", "kind", "channel", "occurred_at", "source", "note"],
      rows.map((r) => [r.with, r.name, r.initiator, r.kind, r.channel, r.at, r.source, r.note]),
    );
    // Ties: where each relationship stands today, computed from the ledger by the relationship engine.
    const byTie = new Map<string, { label: string; name: string; facts: Fact[] }>();
    facts.forEach((f, i) => {
      const tie = byTie.get(f.other_key) ?? {
        label: rows[i]?.with ?? "",
        name: rows[i]?.name ?? "",
        facts: [],
      };
      tie.facts.push({
        kind: f.kind as FactKind,
        initiator: f.initiator,
        channel: f.channel as Channel,
        occurredAt: Date.parse(f.occurred_at),
      });
      byTie.set(f.other_key, tie);
    });
    const now = deps.clock.now().getTime();
    const ties = [...byTie.values()].map((t) => {
      const state = stageOf({}, t.facts, now);
      return {
        with: t.label,
        name: t.name,
        stage: state.stage,
        strength: Math.round(displayedStrength(state, now) * 1000) / 1000,
        layer: rhythmLayer(state),
        firstAt: state.firstAt ? new Date(state.firstAt).toISOString() : null,
        lastInteractionAt: state.lastInteractionAt ? new Date(state.lastInteractionAt).toISOString() : null,
        interactionDays: state.interactionDays,
      };
    });
    zip.json("ledger/ties.json", ties);
    zip.csv(
      "ledger/ties.csv",
      ["with", "name", "stage", "strength", "layer", "first_at", "last_interaction_at", "interaction_days"],
      ties.map((t) => [
        t.with,
        t.name,
        t.stage,
        t.strength,
        t.layer,
        t.firstAt,
        t.lastInteractionAt,
        t.interactionDays,
      ]),
    );
  },
};

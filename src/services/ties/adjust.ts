import { z } from "zod";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";
import { recomputeTie } from "./refresh.ts";
import { resolveTarget, type TieRef } from "./target.ts";

export const NOTES_MAX = 5000;
const LAYERS = ["5", "15", "50", "150", "500"] as const;

const optionalInt = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), { message })
    .transform((v) => (v === "" ? null : Number(v)));

const schema = z.object({
  family: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  pinnedLayer: z.enum(["", ...LAYERS], { message: "error.nurture.layer" }).default(""),
  cadenceDays: optionalInt(1, 3650, "error.nurture.cadence"),
  closeness: optionalInt(0, 100, "error.nurture.closeness"),
  snoozeDays: optionalInt(0, 365, "error.nurture.snooze"),
  sphere: z.enum(["", "personal", "professional"], { message: "error.invalid" }).default(""),
  notes: z.string().max(NOTES_MAX, { message: "error.nurture.notesTooLong" }).optional(),
});

/**
 * The owner's settings for a tie: family (slower decay, family cadences), a pinned layer, a cadence,
 * a closeness override, a snooze (no nudge about this tie until then; 0 lifts it), side of life and
 * notes (an account's; a contact's notes are edited on the contact). The tie is recomputed from its
 * ledger with the new settings, in the same transaction.
 */
export async function adjustTie(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  ref: TieRef,
  input: Record<string, string | undefined>,
): Promise<{ path: string }> {
  const data = parseInput(schema, input);
  const target = await resolveTarget(deps.db, viewer, ref);
  const now = deps.clock.now();
  const nowMs = now.getTime();
  await deps.db.transaction().execute(async (tx) => {
    const txDeps = { db: tx };
    await recomputeTie(txDeps, viewer.accountId, target.party, nowMs);
    const snoozed =
      data.snoozeDays === null
        ? undefined
        : data.snoozeDays === 0
          ? null
          : new Date(nowMs + data.snoozeDays * 86_400_000).toISOString();
    await tx
      .updateTable("ties")
      .set({
        family: data.family ? 1 : 0,
        pinned_layer: data.pinnedLayer === "" ? null : Number(data.pinnedLayer),
        cadence_days: data.cadenceDays,
        closeness: data.closeness === null ? null : data.closeness / 100,
        sphere: data.sphere === "" ? null : data.sphere,
        ...(snoozed === undefined ? {} : { snoozed_until: snoozed }),
        ...(data.notes === undefined || target.contactId ? {} : { notes: data.notes }),
        updated_at: now.toISOString(),
      })
      .where("owner_id", "=", viewer.accountId)
      .where("other_key", "=", target.key)
      .execute();
    await recomputeTie(txDeps, viewer.accountId, target.party, nowMs);
  });
  return { path: target.path };
}

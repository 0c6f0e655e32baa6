import { z } from "zod";
import { Invalid } from "../../domain/errors.ts";
import type { Channel, FactKind } from "../../domain/relationships/types.ts";
import type { Deps, Viewer } from "../deps.ts";
import { recordFact } from "../ledger/record.ts";
import { parseInput } from "../validate.ts";
import { resolveTarget, type TieRef } from "./target.ts";

/** What can be logged by hand, and the ledger fact each one becomes (RELATIONSHIPS.md §1). */
export const LOGGABLE = {
  met: { kind: "met_in_person", channel: "in_person", initiator: "owner" },
  coffee: { kind: "met_in_person", channel: "in_person", initiator: "owner" },
  call: { kind: "call", channel: "call", initiator: "owner" },
  introduction: { kind: "introduction", channel: "dm", initiator: "owner" },
  help_given: { kind: "help", channel: "dm", initiator: "owner" },
  help_received: { kind: "help", channel: "dm", initiator: "other" },
} as const satisfies Record<string, { kind: FactKind; channel: Channel; initiator: "owner" | "other" }>;

export type Loggable = keyof typeof LOGGABLE;
export const LOGGABLE_KINDS = Object.keys(LOGGABLE) as Loggable[];

export const NOTE_MAX = 1000;
const EARLIEST = "1900-01-01";

const schema = z.object({
  what: z.enum(LOGGABLE_KINDS as [Loggable, ...Loggable[]], { message: "error.nurture.what" }),
  date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "error.date" }),
  note: z.string().trim().max(NOTE_MAX, { message: "error.nurture.noteTooLong" }).default(""),
});

/**
 * Logs something that happened offline (met, coffee, call, introduction, help) on a date, past
 * allowed: a ledger fact like any other, in the owner's ledger only (the other person sees nothing).
 */
export async function logInteraction(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  ref: TieRef,
  input: Record<string, string | undefined>,
): Promise<{ path: string }> {
  const data = parseInput(schema, input);
  const target = await resolveTarget(deps.db, viewer, ref);
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const day = new Date(`${data.date}T12:00:00.000Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== data.date || data.date < EARLIEST) {
    throw Invalid.field("date", "error.date");
  }
  if (data.date > today) throw Invalid.field("date", "error.nurture.futureDate");
  const at = data.date === today || day > now ? now : day;
  const spec = LOGGABLE[data.what];
  await deps.db.transaction().execute(async (tx) => {
    await recordFact({ ...deps, db: tx }, viewer.accountId, target.party, spec.initiator, {
      kind: spec.kind,
      channel: spec.channel,
      at,
      source: { type: `log.${data.what}` },
      note: data.note || null,
    });
  });
  return { path: target.path };
}

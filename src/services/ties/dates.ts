import { z } from "zod";
import { Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";
import { recomputeTie } from "./refresh.ts";
import { resolveTarget, type TieRef } from "./target.ts";

export const LABEL_MAX = 80;

const schema = z.object({
  kind: z.enum(["birthday", "custom"], { message: "error.invalid" }),
  month: z
    .string()
    .trim()
    .regex(/^(0?[1-9]|1[0-2])$/, { message: "error.nurture.month" })
    .transform(Number),
  day: z
    .string()
    .trim()
    .regex(/^(0?[1-9]|[12]\d|3[01])$/, { message: "error.nurture.day" })
    .transform(Number),
  year: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || /^\d{4}$/.test(v), { message: "error.nurture.year" })
    .transform((v) => (v === "" ? null : Number(v))),
  label: z.string().trim().max(LABEL_MAX, { message: "error.nurture.labelTooLong" }).default(""),
});

/** Adds a birthday (with or without its year) or a custom yearly date to a tie. */
export async function addImportantDate(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  ref: TieRef,
  input: Record<string, string | undefined>,
): Promise<{ path: string }> {
  const data = parseInput(schema, input);
  if (data.kind === "custom" && data.label === "") throw Invalid.field("label", "error.required");
  const year = data.year ?? 2000; // a leap year: 29 February is allowed without a year
  const date = new Date(Date.UTC(year, data.month - 1, data.day));
  if (date.getUTCMonth() !== data.month - 1) throw Invalid.field("day", "error.nurture.day");
  const now = deps.clock.now();
  if (data.year !== null && (data.year < 1900 || date > now))
    throw Invalid.field("year", "error.nurture.year");
  const target = await resolveTarget(deps.db, viewer, ref);
  await deps.db.transaction().execute(async (tx) => {
    await recomputeTie({ db: tx }, viewer.accountId, target.party, now.getTime());
    await tx
      .insertInto("tie_dates")
      .values({
        id: deps.newId(),
        owner_id: viewer.accountId,
        other_key: target.key,
        kind: data.kind,
        month: data.month,
        day: data.day,
        year: data.year,
        label: data.kind === "custom" ? data.label : "",
        created_at: now.toISOString(),
      })
      .execute();
  });
  return { path: target.path };
}

/** Removes one of the viewer's important dates ("not found" for anyone else's). */
export async function removeImportantDate(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  ref: TieRef,
  dateId: string,
): Promise<{ path: string }> {
  const target = await resolveTarget(deps.db, viewer, ref);
  const result = await deps.db
    .deleteFrom("tie_dates")
    .where("id", "=", dateId)
    .where("owner_id", "=", viewer.accountId)
    .where("other_key", "=", target.key)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFound();
  return { path: target.path };
}

import { z } from "zod";
import type { ContactsTable } from "../../db/schema.ts";
import { parseTags } from "../../domain/profile.ts";
import { howWeMetFields } from "../connections/how-we-met.ts";
import { linkLinesField } from "../link-lines.ts";

export const CONTACT_SIDES = ["personal", "professional", "both"] as const;
export type ContactSide = (typeof CONTACT_SIDES)[number];

const text = (max: number) => z.string().trim().max(max, "error.tooLong").default("");

/** A contact as its owner types it; the same schema for adding and editing. */
export const contactSchema = z.object({
  name: z.string({ error: "error.required" }).trim().min(1, "error.required").max(100, "error.tooLong"),
  metWhere: howWeMetFields.metWhere,
  metOn: howWeMetFields.metOn,
  howMet: text(1000),
  notes: text(10_000),
  tags: z
    .string()
    .max(2000, "error.tooLong")
    .default("")
    .transform((v) => parseTags(v)),
  side: z.enum(CONTACT_SIDES, { error: "error.invalid" }).default("personal"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "error.email")
    .default("")
    .refine((v) => v === "" || z.email().safeParse(v).success, "error.email"),
  phone: text(40).refine((v) => /^[0-9+().\-/\s]*$/.test(v), "error.contact.phone"),
  links: linkLinesField,
});

export type ContactInput = Partial<Record<keyof z.input<typeof contactSchema>, string | undefined>>;

/** The stored columns for a parsed contact. */
export function contactColumns(data: z.output<typeof contactSchema>) {
  return {
    name: data.name,
    met_where: data.metWhere,
    met_on: data.metOn || null,
    how_met: data.howMet,
    notes: data.notes,
    tags: JSON.stringify(data.tags),
    side: data.side,
    email: data.email,
    phone: data.phone,
    links: JSON.stringify(data.links),
  } satisfies Partial<Record<keyof ContactsTable, unknown>>;
}

import { z } from "zod";
import type { ContactsTable } from "../../db/schema.ts";
import { parseTags } from "../../domain/profile.ts";
import { howWeMetFields } from "../connections/how-we-met.ts";

export const CONTACT_SIDES = ["personal", "professional", "both"] as const;
export type ContactSide = (typeof CONTACT_SIDES)[number];

const MAX_LINKS = 6;
const text = (max: number) => z.string().trim().max(max, "error.tooLong").default("");

/** "Label https://…" or a bare address per line; only http(s) links are kept. */
const links = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const parsed: { label: string; url: string }[] = [];
    for (const line of value
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)) {
      const match = /^(.*?)\s*(https?:\/\/\S+)$/i.exec(line);
      const url = match?.[2] ? URL.parse(match[2]) : null;
      if (!match || !url || (url.protocol !== "http:" && url.protocol !== "https:")) {
        ctx.addIssue({ code: "custom", message: "error.link" });
        return z.NEVER;
      }
      parsed.push({ label: (match[1] || url.hostname).slice(0, 60), url: url.href });
    }
    if (parsed.length > MAX_LINKS) {
      ctx.addIssue({ code: "custom", message: "error.tooMany" });
      return z.NEVER;
    }
    return parsed;
  });

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
  links,
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

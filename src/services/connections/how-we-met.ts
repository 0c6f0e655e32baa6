import { z } from "zod";

/** "How we met" as a person types it: where, when (a past or present day), through whom. */
export const howWeMetFields = {
  metWhere: z.string().trim().max(200, "error.tooLong").default(""),
  metOn: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), "error.date"),
  metThrough: z.string().trim().max(100, "error.tooLong").default(""),
};

export interface HowWeMet {
  metWhere: string;
  metOn: string | null;
  metThrough: string;
  eventId: string | null;
}

export function howWeMetColumns(h: HowWeMet) {
  return { met_where: h.metWhere, met_on: h.metOn, met_through: h.metThrough, event_id: h.eventId };
}

export const NO_HOW_WE_MET: HowWeMet = { metWhere: "", metOn: null, metThrough: "", eventId: null };

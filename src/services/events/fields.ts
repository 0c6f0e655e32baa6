import { z } from "zod";
import type { EventsTable } from "../../db/schema-events.ts";
import type { Recurrence } from "../../domain/events/recurrence.ts";
import { isTimeZone, localMinutesBetween, localToUtc, parseLocal } from "../../domain/events/time.ts";
import { VISIBILITIES } from "../../domain/events/visibility.ts";

const text = (max: number) => z.string().trim().max(max, "error.tooLong").default("");

/** "2026-03-10T19:00" (what a datetime-local field sends; seconds are dropped). */
const localTime = z
  .string({ error: "error.required" })
  .trim()
  .min(1, "error.required")
  .transform((v) => v.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(\.\d+)?$/, "$1"))
  .refine((v) => parseLocal(v) !== null, "error.event.dateTime");

const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .default("")
    .refine(
      (v) => v === "" || (Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max),
      "error.event.coordinates",
    )
    .transform((v) => (v === "" ? null : Number(v)));

/** An event as its organiser types it; the same schema for creating and editing. */
export const eventSchema = z
  .object({
    title: z.string({ error: "error.required" }).trim().min(1, "error.required").max(120, "error.tooLong"),
    description: text(5000),
    start: localTime,
    end: localTime,
    timeZone: z
      .string()
      .trim()
      .default("UTC")
      .refine((v) => isTimeZone(v), "error.timeZone"),
    place: text(300),
    city: text(100),
    latitude: optionalNumber(-90, 90),
    longitude: optionalNumber(-180, 180),
    onlineUrl: text(500).refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "error.event.onlineUrl"),
    capacity: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= 1), "error.event.capacity")
      .transform((v) => (v === "" ? null : Number(v))),
    approval: z
      .string()
      .optional()
      .transform((v) => (v === "1" || v === "on" ? 1 : 0)),
    visibility: z.enum(VISIBILITIES as [string, ...string[]], { error: "error.invalid" }).default("public"),
    coverAlt: text(500),
    coverCredit: text(200),
  })
  .superRefine((data, ctx) => {
    if (!data.place && !data.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["place"], message: "error.event.where" });
    if ((data.latitude === null) !== (data.longitude === null))
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "error.event.coordinates" });
    if (parseLocal(data.start) !== null && parseLocal(data.end) !== null) {
      const length = localMinutesBetween(data.start, data.end);
      if (length <= 0) ctx.addIssue({ code: "custom", path: ["end"], message: "error.event.endBeforeStart" });
      else if (length > 14 * 24 * 60)
        ctx.addIssue({ code: "custom", path: ["end"], message: "error.event.tooLong" });
    }
  });

export type EventInput = Partial<
  Record<keyof z.input<typeof eventSchema> | "repeat" | "interval" | "count", string>
>;
export type EventData = z.output<typeof eventSchema>;

const repeatSchema = z.object({
  repeat: z.enum(["none", "weekly", "monthly"], { error: "error.invalid" }).default("none"),
  interval: z
    .string()
    .trim()
    .default("1")
    .refine((v) => /^[1-8]$/.test(v), "error.event.interval")
    .transform(Number),
  count: z
    .string()
    .trim()
    .default("1")
    .refine((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 52, "error.event.count")
    .transform(Number),
});

export const recurrenceSchema = repeatSchema;

/** The recurrence rule chosen in the form (null: a single event). */
export function recurrenceOf(
  data: z.output<typeof repeatSchema>,
  localStart: string,
  monthly: (start: string) => Recurrence,
): { rule: Recurrence | null; count: number } {
  if (data.repeat === "none" || data.count <= 1) return { rule: null, count: 1 };
  if (data.repeat === "weekly")
    return { rule: { kind: "weekly", interval: data.interval }, count: data.count };
  return { rule: monthly(localStart), count: data.count };
}

/** The stored columns for parsed input (times computed in the event's zone). */
export function eventColumns(data: EventData) {
  return {
    title: data.title,
    description: data.description,
    starts_at: localToUtc(data.start, data.timeZone).toISOString(),
    ends_at: localToUtc(data.end, data.timeZone).toISOString(),
    time_zone: data.timeZone,
    place: data.place,
    city: data.city,
    latitude: data.latitude,
    longitude: data.longitude,
    online_url: data.onlineUrl,
    capacity: data.capacity,
    approval: data.approval,
    visibility: data.visibility as EventsTable["visibility"],
    cover_alt: data.coverAlt,
    cover_credit: data.coverCredit,
  };
}

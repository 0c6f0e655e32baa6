import { randomBytes } from "node:crypto";
import { Invalid } from "../../domain/errors.ts";
import { monthlyRuleOf, occurrences } from "../../domain/events/recurrence.ts";
import { localMinutesBetween } from "../../domain/events/time.ts";
import { reminderAt } from "../../domain/events/windows.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { parseInput } from "../validate.ts";
import { storeCover } from "./cover.ts";
import { type EventInput, eventColumns, eventSchema, recurrenceOf, recurrenceSchema } from "./fields.ts";

export const REMINDER_JOB = "events.reminder";

/** The reminder of one occurrence at one start time (a moved event gets a new one; the old one sees the change and stays quiet). */
export function reminderJob(event: { id: string; starts_at: string; ends_at: string }) {
  return {
    kind: REMINDER_JOB,
    payload: { eventId: event.id, startsAt: event.starts_at },
    runAt: reminderAt({ startsAt: event.starts_at, endsAt: event.ends_at }),
    key: `${REMINDER_JOB}:${event.id}:${event.starts_at}`,
  };
}

/**
 * Creates an event — or, with a recurrence, one event per occurrence (each editable and cancellable
 * alone, sharing a series id) — with its optional cover, in one transaction with its reminder jobs.
 */
export async function createEvent(
  deps: Deps,
  viewer: Viewer,
  input: EventInput,
  cover: Uint8Array | null = null,
): Promise<{ id: string; ids: string[] }> {
  const data = parseInput(eventSchema, input);
  const repeat = parseInput(recurrenceSchema, input);
  const now = deps.clock.now();
  const columns = eventColumns(data);
  if (columns.starts_at < now.toISOString()) throw Invalid.field("start", "error.event.past");
  if (cover && cover.byteLength > 0 && !data.coverAlt)
    throw Invalid.field("coverAlt", "error.event.coverAlt");
  const { rule, count } = recurrenceOf(repeat, data.start, monthlyRuleOf);
  const slots = occurrences(
    data.start,
    localMinutesBetween(data.start, data.end),
    data.timeZone,
    rule,
    count,
  );
  const coverKey = cover && cover.byteLength > 0 ? await storeCover(deps, cover) : null;
  const seriesId = slots.length > 1 ? deps.newId() : null;
  const rows = slots.map((slot) => ({
    ...columns,
    id: deps.newId(),
    organiser_id: viewer.accountId,
    series_id: seriesId,
    starts_at: slot.startsAt.toISOString(),
    ends_at: slot.endsAt.toISOString(),
    cover_key: coverKey,
    cover_alt: coverKey ? data.coverAlt : "",
    cover_credit: coverKey ? data.coverCredit : "",
    status: "scheduled" as const,
    checkin_secret: randomBytes(32).toString("base64url"),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }));
  await deps.db.transaction().execute(async (tx) => {
    await tx.insertInto("events").values(rows).execute();
    for (const row of rows) await enqueue({ ...deps, db: tx }, reminderJob(row));
  });
  const ids = rows.map((r) => r.id);
  return { id: ids[0] as string, ids };
}

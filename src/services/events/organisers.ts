import { Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { areConnected } from "../graph/blocks.ts";
import { findPerson } from "../graph/find.ts";
import { loadEvent } from "./access.ts";

/** Only the event's creator chooses co-organisers, among their connections. */
async function asCreator(deps: Deps, viewer: Viewer, eventId: string) {
  const loaded = await loadEvent(deps.db, viewer, eventId);
  if (loaded.event.organiser_id !== viewer.accountId) throw new NotFound();
  return loaded;
}

/** Adds a co-organiser (one of the creator's connections): they may edit, invite, approve and check people in. */
export async function addCoOrganiser(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  handle: string,
): Promise<void> {
  await asCreator(deps, viewer, eventId);
  const clean = handle.trim().replace(/^@/, "");
  if (!clean) throw Invalid.field("handle", "error.required");
  let personId: string;
  try {
    personId = (await findPerson(deps.db, clean)).id;
  } catch {
    throw Invalid.field("handle", "error.event.coOrganiser");
  }
  if (personId === viewer.accountId || !(await areConnected(deps.db, viewer.accountId, personId)))
    throw Invalid.field("handle", "error.event.coOrganiser");
  await deps.db
    .insertInto("event_organisers")
    .values({ event_id: eventId, actor_id: personId, created_at: deps.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(["event_id", "actor_id"]).doNothing())
    .execute();
}

export async function removeCoOrganiser(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  actorId: string,
): Promise<void> {
  await asCreator(deps, viewer, eventId);
  await deps.db
    .deleteFrom("event_organisers")
    .where("event_id", "=", eventId)
    .where("actor_id", "=", actorId)
    .execute();
}

import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { loadAsOrganiser } from "./access.ts";
import { forgetEventNotifications, notifyEvent } from "./notify.ts";
import { dropAnswer, lockEvent } from "./seats.ts";

export const MAX_CANDIDATES = 300;

export interface Candidate extends Person {
  connection: boolean;
  follower: boolean;
  invited: boolean;
}

/** Who an organiser may invite: their connections and followers (most recent first), marked if invited. */
export async function inviteCandidates(deps: Deps, viewer: Viewer, eventId: string): Promise<Candidate[]> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  const me = viewer.accountId;
  const rows = await deps.db
    .selectFrom("actors as a")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key"])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom("connections")
            .select("owner_id")
            .where("owner_id", "=", me)
            .whereRef("other_id", "=", "a.id"),
        )
        .as("connection"),
      eb
        .exists(
          eb
            .selectFrom("follows")
            .select("id")
            .whereRef("follower_id", "=", "a.id")
            .where("followee_id", "=", me)
            .where("status", "=", "accepted"),
        )
        .as("follower"),
      eb
        .exists(
          eb
            .selectFrom("event_invitations")
            .select("invitee_id")
            .where("event_id", "=", eventId)
            .whereRef("invitee_id", "=", "a.id"),
        )
        .as("invited"),
    ])
    .where((eb) =>
      eb.or([
        eb("a.id", "in", eb.selectFrom("connections").select("other_id").where("owner_id", "=", me)),
        eb(
          "a.id",
          "in",
          eb
            .selectFrom("follows")
            .select("follower_id")
            .where("followee_id", "=", me)
            .where("status", "=", "accepted"),
        ),
      ]),
    )
    .orderBy("a.display_name")
    .limit(MAX_CANDIDATES)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    connection: Boolean(r.connection),
    follower: Boolean(r.follower),
    invited: Boolean(r.invited),
  }));
}

/**
 * Invites some of the organiser's connections and followers (anyone else is refused); each new
 * invitee is notified. Inviting again changes nothing.
 */
export async function invitePeople(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  actorIds: string[],
): Promise<number> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  const wanted = [...new Set(actorIds)].filter((id) => id !== viewer.accountId).slice(0, MAX_CANDIDATES);
  if (wanted.length === 0) throw Invalid.field("invitees", "error.event.noInvitees");
  const me = viewer.accountId;
  const allowed = await deps.db
    .selectFrom("actors as a")
    .select("a.id")
    .where("a.id", "in", wanted)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("connections")
            .select("owner_id")
            .where("owner_id", "=", me)
            .whereRef("other_id", "=", "a.id"),
        ),
        eb.exists(
          eb
            .selectFrom("follows")
            .select("id")
            .whereRef("follower_id", "=", "a.id")
            .where("followee_id", "=", me)
            .where("status", "=", "accepted"),
        ),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where((w) =>
              w.or([
                w.and([w("owner_id", "=", me), w("target_id", "=", w.ref("a.id"))]),
                w.and([w("owner_id", "=", w.ref("a.id")), w("target_id", "=", me)]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  if (allowed.length !== wanted.length) throw Invalid.field("invitees", "error.event.inviteNotAllowed");
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto("event_invitations")
      .values(
        wanted.map((id) => ({
          event_id: eventId,
          invitee_id: id,
          invited_by: me,
          link_id: null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["event_id", "invitee_id"]).doNothing())
      .returning("invitee_id")
      .execute();
    for (const { invitee_id } of inserted)
      await notifyEvent(
        { ...deps, db: tx },
        { recipientId: invitee_id, kind: "event_invited", actorId: me, eventId },
      );
    return inserted.length;
  });
}

/**
 * Takes an invitation back. For an event that is not public, the person loses it altogether: their
 * answer (and seat, given to the next in line) and what they were told about it go too.
 */
export async function revokeInvitation(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  inviteeId: string,
): Promise<void> {
  const { event } = await loadAsOrganiser(deps.db, viewer, eventId);
  await deps.db.transaction().execute(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const locked = await lockEvent(tx, eventId);
    await tx
      .deleteFrom("event_invitations")
      .where("event_id", "=", eventId)
      .where("invitee_id", "=", inviteeId)
      .execute();
    if (event.visibility !== "public") {
      await dropAnswer(txDeps, locked, inviteeId);
      await tx
        .deleteFrom("event_checkins")
        .where("event_id", "=", eventId)
        .where("actor_id", "=", inviteeId)
        .execute();
      await forgetEventNotifications(tx, inviteeId, eventId);
    }
  });
}

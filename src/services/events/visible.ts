import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The query shape every events list uses: `selectFrom("events as e")`. */
export type WithEvents = Database & { e: Database["events"] };

/**
 * The SQL twin of `canSeeEvent` (src/domain/events/visibility.ts), for lists, feeds, the profile and
 * search: an event `e` is visible to `viewerId` (null: signed out) exactly when the pure rule says so.
 * Use as `.where(eventVisibleTo(viewerId))` on a query over `events as e`.
 */
export function eventVisibleTo(viewerId: string | null) {
  return (eb: ExpressionBuilder<WithEvents, "e">): Expression<SqlBool> => {
    if (viewerId === null) return eb("e.visibility", "=", "public");
    const blocked = eb.exists(
      eb
        .selectFrom("blocks as b")
        .select("b.owner_id")
        .where((w) =>
          w.or([
            w.and([w("b.owner_id", "=", viewerId), w("b.target_id", "=", w.ref("e.organiser_id"))]),
            w.and([w("b.owner_id", "=", w.ref("e.organiser_id")), w("b.target_id", "=", viewerId)]),
          ]),
        ),
    );
    const organiser = eb.or([
      eb("e.organiser_id", "=", viewerId),
      eb.exists(
        eb
          .selectFrom("event_organisers as o")
          .select("o.actor_id")
          .whereRef("o.event_id", "=", "e.id")
          .where("o.actor_id", "=", viewerId),
      ),
    ]);
    const invitedOrAnswered = eb.or([
      eb.exists(
        eb
          .selectFrom("event_invitations as i")
          .select("i.invitee_id")
          .whereRef("i.event_id", "=", "e.id")
          .where("i.invitee_id", "=", viewerId),
      ),
      eb.exists(
        eb
          .selectFrom("event_rsvps as r")
          .select("r.actor_id")
          .whereRef("r.event_id", "=", "e.id")
          .where("r.actor_id", "=", viewerId),
      ),
    ]);
    const connected = eb.exists(
      eb
        .selectFrom("connections as c")
        .select("c.owner_id")
        .where("c.owner_id", "=", viewerId)
        .whereRef("c.other_id", "=", "e.organiser_id"),
    );
    return eb.or([
      organiser,
      eb.and([
        eb.not(blocked),
        eb.or([
          eb("e.visibility", "=", "public"),
          invitedOrAnswered,
          eb.and([eb("e.visibility", "=", "connections"), connected]),
        ]),
      ]),
    ]);
  };
}

/** The ids of the given events the viewer may see (for search and exports that hold ids already). */
export async function visibleEventIds(
  db: import("kysely").Kysely<Database>,
  viewerId: string | null,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("events as e")
    .select("e.id")
    .where("e.id", "in", [...ids])
    .where(eventVisibleTo(viewerId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

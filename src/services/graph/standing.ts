import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";

/** Everything a profile page's buttons depend on, between the viewer and one person, in one query. */
export interface Standing {
  connected: boolean;
  following: "no" | "yes" | "requested";
  followsMe: boolean;
  requestSent: string | null;
  requestReceived: string | null;
  blocked: boolean;
  muted: boolean;
}

/** On every profile a member views: compiled once. */
const standingQuery = prepared(2, (db: Kysely<Database>, me: string, otherId: string) =>
  db.selectNoFrom((eb) => [
    eb
      .exists(
        eb
          .selectFrom("connections")
          .select("owner_id")
          .where("owner_id", "=", me)
          .where("other_id", "=", otherId),
      )
      .as("connected"),
    eb
      .selectFrom("follows")
      .select("status")
      .where("follower_id", "=", me)
      .where("followee_id", "=", otherId)
      .as("following"),
    eb
      .exists(
        eb
          .selectFrom("follows")
          .select("id")
          .where("follower_id", "=", otherId)
          .where("followee_id", "=", me)
          .where("status", "=", "accepted"),
      )
      .as("follows_me"),
    eb
      .selectFrom("connection_requests")
      .select("id")
      .where("sender_id", "=", me)
      .where("recipient_id", "=", otherId)
      .where("status", "in", ["pending", "ignored", "declined"])
      .limit(1)
      .as("request_sent"),
    eb
      .selectFrom("connection_requests")
      .select("id")
      .where("sender_id", "=", otherId)
      .where("recipient_id", "=", me)
      .where("status", "=", "pending")
      .limit(1)
      .as("request_received"),
    eb
      .exists(
        eb
          .selectFrom("blocks")
          .select("owner_id")
          .where("owner_id", "=", me)
          .where("target_id", "=", otherId),
      )
      .as("blocked"),
    eb
      .exists(
        eb.selectFrom("mutes").select("owner_id").where("owner_id", "=", me).where("target_id", "=", otherId),
      )
      .as("muted"),
  ]),
);

export async function standingWith(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  otherId: string,
): Promise<Standing> {
  const [row] = await standingQuery(deps.db, viewer.accountId, otherId);
  if (!row) throw new Error("a select without FROM returns one row");
  return {
    connected: Boolean(row.connected),
    following: row.following === "accepted" ? "yes" : row.following === "pending" ? "requested" : "no",
    followsMe: Boolean(row.follows_me),
    requestSent: row.request_sent ?? null,
    requestReceived: row.request_received ?? null,
    blocked: Boolean(row.blocked),
    muted: Boolean(row.muted),
  };
}

import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Whose posts (and boosts) fill someone's home timeline, and who is blocked either way. */
export interface Sources {
  followees: Set<string>;
  connections: Set<string>;
  /** Blocked by the viewer, or blocking them. */
  blocked: Set<string>;
  muted: Set<string>;
}

/** The viewer's follows, connections, blocks and mutes, in one round trip. */
export async function loadSources(db: Kysely<Database>, viewerId: string): Promise<Sources> {
  const rows = await db
    .selectFrom("follows")
    .select(["followee_id as id", sql.lit("f").as("kind")])
    .where("follower_id", "=", viewerId)
    .where("status", "=", "accepted")
    .unionAll((eb) =>
      eb
        .selectFrom("connections")
        .select(["other_id as id", sql.lit("c").as("kind")])
        .where("owner_id", "=", viewerId),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("blocks")
        .select(["target_id as id", sql.lit("b").as("kind")])
        .where("owner_id", "=", viewerId),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("blocks")
        .select(["owner_id as id", sql.lit("b").as("kind")])
        .where("target_id", "=", viewerId),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("mutes")
        .select(["target_id as id", sql.lit("m").as("kind")])
        .where("owner_id", "=", viewerId),
    )
    .execute();
  const sources: Sources = {
    followees: new Set(),
    connections: new Set(),
    blocked: new Set(),
    muted: new Set(),
  };
  for (const row of rows) {
    const set =
      row.kind === "f"
        ? sources.followees
        : row.kind === "c"
          ? sources.connections
          : row.kind === "b"
            ? sources.blocked
            : sources.muted;
    set.add(row.id);
  }
  return sources;
}

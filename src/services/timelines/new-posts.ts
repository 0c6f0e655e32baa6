import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { notMuted, parseTagCursor } from "./public.ts";

/** The most new posts counted (shown as "99+"): each count reads at most this many rows. */
export const NEW_COUNT_CAP = 100;

/**
 * The timeline an open page shows, and its newest entry: what the live "N new posts — show" link
 * counts past. `since` is an entry id (a post's or a boost's), or for a hashtag a tag cursor
 * (`tagCursor`: the post's time and id, the hashtag index's order).
 */
export type TimelineWatch =
  | { kind: "home" | "connections" | "public"; since: string }
  | { kind: "tag"; tag: string; since: string };

type Db = Kysely<Database>;

/** Entries of the owner's stored home timeline newer than `since`, not their own, at most NEW_COUNT_CAP. */
const homeCount = prepared(2, (db: Db, ownerId: string, since: string) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom("home_timeline")
        .select("entry_id")
        .where("owner_id", "=", ownerId)
        .where("entry_id", ">", since)
        .where("source_id", "<>", ownerId)
        .limit(NEW_COUNT_CAP)
        .as("recent"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n")),
);

/**
 * Entries of the owner's stored home timeline newer than `since` that the connections view shows:
 * posts (not boosts) of people the owner is connected with, not their own. The same index range as
 * the home count, one primary-key seek in `connections` per entry, at most NEW_COUNT_CAP.
 */
const connectionsCount = prepared(2, (db: Db, ownerId: string, since: string) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom("home_timeline as t")
        .select("t.entry_id")
        .where("t.owner_id", "=", ownerId)
        .where("t.entry_id", ">", since)
        .whereRef("t.entry_id", "=", "t.post_id")
        .where("t.source_id", "<>", ownerId)
        .where((w) =>
          w.exists(
            w
              .selectFrom("connections as c")
              .select("c.owner_id")
              .where("c.owner_id", "=", ownerId)
              .whereRef("c.other_id", "=", "t.source_id"),
          ),
        )
        .limit(NEW_COUNT_CAP)
        .as("recent"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n")),
);

/**
 * Public thread roots newer than `since` that the viewer may see and did not mute, not their own: the
 * public timeline's own filter, read along posts_public_order from `since` up, at most NEW_COUNT_CAP.
 * Compiled once per database and kind of viewer (the visibility rule's tree is the costly part).
 */
const publicCount = (signedIn: boolean) =>
  prepared(2, (db: Db, me: string, since: string) =>
    db
      .selectFrom((eb) => {
        let query = eb
          .selectFrom("posts as p")
          .select("p.id")
          .where("p.visibility", "=", "public")
          .where("p.parent_id", "is", null)
          .where("p.event_id", "is", null)
          .where("p.id", ">", since)
          .where(whereVisibleTo(signedIn ? me : null, "p"));
        if (signedIn) query = query.where("p.author_id", "<>", me).where(notMuted(me));
        return query.limit(NEW_COUNT_CAP).as("recent");
      })
      .select((eb) => eb.fn.countAll<number>().as("n")),
  );
const publicForMembers = publicCount(true);
const publicForVisitors = publicCount(false);

/**
 * Posts carrying the hashtag after the cursor (time, then id) that the viewer may see and did not
 * mute, not their own: one range of the hashtag index (tag, created_at, post_id), at most NEW_COUNT_CAP.
 */
const tagCount = (signedIn: boolean) =>
  prepared(4, (db: Db, me: string, tag: string, createdAt: string, postId: string) =>
    db
      .selectFrom((eb) => {
        let query = eb
          .selectFrom("post_hashtags as h")
          .innerJoin("posts as p", "p.id", "h.post_id")
          .select("h.post_id")
          .where("h.tag", "=", tag)
          .where((w) => w(w.refTuple("h.created_at", "h.post_id"), ">", w.tuple(createdAt, postId)))
          .where(whereVisibleTo(signedIn ? me : null, "p"));
        if (signedIn) query = query.where("p.author_id", "<>", me).where(notMuted(me));
        return query.limit(NEW_COUNT_CAP).as("recent");
      })
      .select((eb) => eb.fn.countAll<number>().as("n")),
  );
const tagForMembers = tagCount(true);
const tagForVisitors = tagCount(false);

/**
 * How many posts arrived in the watched timeline after its page was drawn, counting only what that
 * page would show this viewer (null: a visitor, public posts only): at most NEW_COUNT_CAP ("99+").
 * One capped, indexed query; the home and connections counts read the viewer's stored timeline.
 */
export async function countNewPosts(db: Db, viewerId: string | null, watch: TimelineWatch): Promise<number> {
  const n = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);
  switch (watch.kind) {
    case "home":
      return viewerId === null ? 0 : n(await homeCount(db, viewerId, watch.since));
    case "connections":
      return viewerId === null ? 0 : n(await connectionsCount(db, viewerId, watch.since));
    case "public":
      return n(
        viewerId === null
          ? await publicForVisitors(db, "", watch.since)
          : await publicForMembers(db, viewerId, watch.since),
      );
    case "tag": {
      const cursor = parseTagCursor(watch.since);
      if (!cursor) return 0;
      return n(
        viewerId === null
          ? await tagForVisitors(db, "", watch.tag, cursor[0], cursor[1])
          : await tagForMembers(db, viewerId, watch.tag, cursor[0], cursor[1]),
      );
    }
  }
}

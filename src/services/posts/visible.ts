import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { PostRow } from "../../db/schema-posts.ts";
import { Conflict, NotFound } from "../../domain/errors.ts";
import { canSeePost, type PostRelation } from "../../domain/posts/visibility.ts";
import { eventVisibleTo, visibleEventIds } from "../events/visible.ts";

// biome-ignore lint/suspicious/noExplicitAny: the filter works on any query that has the posts table under `alias`.
type AnyEB = ExpressionBuilder<any, any>;

/**
 * The SQL twin of `canSeePost` (src/domain/posts/visibility.ts): a filter for any query over `posts`
 * (under `alias`), keeping only the posts `viewerId` may see (null: a visitor, public posts only).
 *
 *   db.selectFrom("posts").where(whereVisibleTo(viewer?.accountId ?? null)).…
 *   db.selectFrom("posts as p").where(whereVisibleTo(id, "p")).…
 *
 * Each condition is an index seek (blocks primary key, post_mentions primary key, connections primary
 * key, follows by follower); the same table of cases tests this and the pure rule.
 */
export function whereVisibleTo(viewerId: string | null, alias = "posts") {
  return (eb: AnyEB): Expression<SqlBool> => {
    const col = (name: string) => eb.ref(`${alias}.${name}`);
    // An event's discussion is seen by exactly those who may see the event.
    const eventGate = eb.or([
      eb(col("event_id"), "is", null),
      eb.exists(
        eb
          .selectFrom("events as e")
          .select("e.id")
          .whereRef("e.id", "=", `${alias}.event_id`)
          .where(eventVisibleTo(viewerId)),
      ),
    ]);
    if (viewerId === null) return eb.and([eb(col("visibility"), "=", "public"), eventGate]);
    const blocked = (actorColumn: string) => [
      eb.exists(
        eb
          .selectFrom("blocks")
          .select("owner_id")
          .where("owner_id", "=", viewerId)
          .whereRef("target_id", "=", `${alias}.${actorColumn}`),
      ),
      eb.exists(
        eb
          .selectFrom("blocks")
          .select("owner_id")
          .whereRef("owner_id", "=", `${alias}.${actorColumn}`)
          .where("target_id", "=", viewerId),
      ),
    ];
    const connected = eb.exists(
      eb
        .selectFrom("connections")
        .select("owner_id")
        .whereRef("owner_id", "=", `${alias}.audience_id`)
        .where("other_id", "=", viewerId),
    );
    const following = eb.exists(
      eb
        .selectFrom("follows")
        .select("id")
        .where("follower_id", "=", viewerId)
        .whereRef("followee_id", "=", `${alias}.audience_id`)
        .where("status", "=", "accepted"),
    );
    const mentioned = eb.exists(
      eb
        .selectFrom("post_mentions")
        .select("post_id")
        .whereRef("post_id", "=", `${alias}.id`)
        .where("actor_id", "=", viewerId),
    );
    // A comment's root, by its own visibility: its audience owner is the comment's (audience_id).
    const threadOpen = eb.or([
      eb(col("root_id"), "is", null),
      eb.exists(
        eb
          .selectFrom("posts as thread_root")
          .select("thread_root.id")
          .whereRef("thread_root.id", "=", `${alias}.root_id`)
          .where((r) =>
            r.or([
              r("thread_root.visibility", "=", "public"),
              r.and([r("thread_root.visibility", "=", "followers"), r.or([following, connected])]),
              r.and([r("thread_root.visibility", "=", "connections"), connected]),
              r.and([
                r("thread_root.visibility", "=", "mentioned"),
                r.exists(
                  r
                    .selectFrom("post_mentions")
                    .select("post_id")
                    .whereRef("post_id", "=", "thread_root.id")
                    .where("actor_id", "=", viewerId),
                ),
              ]),
            ]),
          ),
      ),
    ]);
    return eb.and([
      eventGate,
      eb.not(eb.or([...blocked("author_id"), ...blocked("audience_id")])),
      eb.or([
        eb(col("author_id"), "=", viewerId),
        eb(col("audience_id"), "=", viewerId),
        eb(col("visibility"), "=", "public"),
        eb.and([eb(col("visibility"), "=", "followers"), eb.or([following, connected])]),
        eb.and([eb(col("visibility"), "=", "connections"), connected]),
        eb.and([eb(col("visibility"), "=", "mentioned"), mentioned, threadOpen]),
      ]),
    ]);
  };
}

type PostKeys = Pick<PostRow, "id" | "author_id" | "audience_id" | "event_id" | "root_id" | "visibility">;

async function eventHidden(db: Kysely<Database>, viewerId: string | null, post: PostKeys): Promise<boolean> {
  if (!post.event_id) return false;
  return !(await visibleEventIds(db, viewerId, [post.event_id])).has(post.event_id);
}

/** How the viewer stands towards one post, in one query: the input of `canSeePost`. */
export async function relationToPost(
  db: Kysely<Database>,
  viewerId: string | null,
  post: PostKeys,
): Promise<PostRelation> {
  if (viewerId === null) {
    return {
      anonymous: true,
      author: false,
      mentioned: false,
      connection: false,
      follower: false,
      blocked: false,
      eventHidden: await eventHidden(db, null, post),
    };
  }
  const actors = [post.author_id, post.audience_id];
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where((b) =>
              b.or([
                b.and([b("owner_id", "=", viewerId), b("target_id", "in", actors)]),
                b.and([b("owner_id", "in", actors), b("target_id", "=", viewerId)]),
              ]),
            ),
        )
        .as("blocked"),
      eb
        .exists(
          eb
            .selectFrom("post_mentions")
            .select("post_id")
            .where("post_id", "=", post.id)
            .where("actor_id", "=", viewerId),
        )
        .as("mentioned"),
      eb
        .exists(
          eb
            .selectFrom("connections")
            .select("owner_id")
            .where("owner_id", "=", post.audience_id)
            .where("other_id", "=", viewerId),
        )
        .as("connection"),
      eb
        .exists(
          eb
            .selectFrom("follows")
            .select("id")
            .where("follower_id", "=", viewerId)
            .where("followee_id", "=", post.audience_id)
            .where("status", "=", "accepted"),
        )
        .as("follower"),
    ])
    .executeTakeFirstOrThrow();
  const relation: PostRelation = {
    anonymous: false,
    author: viewerId === post.author_id || viewerId === post.audience_id,
    mentioned: Boolean(row.mentioned),
    connection: Boolean(row.connection),
    follower: Boolean(row.follower),
    blocked: Boolean(row.blocked),
    eventHidden: await eventHidden(db, viewerId, post),
  };
  // Only a comment for the people mentioned asks whether its thread is still open to the viewer.
  if (post.root_id !== null && post.visibility === "mentioned" && relation.mentioned)
    relation.threadOpen = await rootOpenTo(db, viewerId, post.root_id, relation);
  return relation;
}

/** Whether the viewer may see a thread's root by its own visibility, their relation to its author known. */
async function rootOpenTo(
  db: Kysely<Database>,
  viewerId: string,
  rootId: string,
  relation: PostRelation,
): Promise<boolean> {
  const root = await db
    .selectFrom("posts")
    .select((eb) => [
      "visibility",
      eb
        .exists(
          eb
            .selectFrom("post_mentions")
            .select("post_id")
            .where("post_id", "=", rootId)
            .where("actor_id", "=", viewerId),
        )
        .as("mentioned"),
    ])
    .where("id", "=", rootId)
    .executeTakeFirst();
  if (!root) return false;
  // The root's author is the comment's audience owner: the relation to them holds for the root.
  return canSeePost(root, { ...relation, author: false, mentioned: Boolean(root.mentioned) });
}

/** Whether `viewerId` may see the post (`canSeePost` with their relation to it, read in one query). */
export async function canSee(
  db: Kysely<Database>,
  viewerId: string | null,
  post: PostKeys & Pick<PostRow, "visibility">,
): Promise<boolean> {
  return canSeePost(post, await relationToPost(db, viewerId, post));
}

/** The post if the viewer may see it; NotFound otherwise (existence never leaks). */
export async function visiblePost(
  db: Kysely<Database>,
  viewerId: string | null,
  postId: string,
): Promise<PostRow> {
  const post = await db.selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirst();
  if (!post) throw new NotFound();
  if (!(await canSee(db, viewerId, post))) throw new NotFound();
  return post;
}

/**
 * The post if the viewer may see it and act on it: a deleted comment kept as a placeholder in its
 * thread (delete.ts) is there to be read past, not reacted to, boosted, bookmarked or edited.
 */
export async function livePost(
  db: Kysely<Database>,
  viewerId: string | null,
  postId: string,
): Promise<PostRow> {
  const post = await visiblePost(db, viewerId, postId);
  if (post.deleted_at !== null) throw new Conflict("error.post.deleted");
  return post;
}

import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Version counters: numbers that move, in the same transaction, whenever something a page shows may
 * have changed, so that a page drawn under them stays true while they have not moved (one indexed
 * read tells). Triggers move them, not application code: every path that writes the watched rows
 * (cascades of a deleted account included) moves them.
 *
 * - `posts.version`: what a post card shows (text, visibility, counts, reactions by emoji, poll, media);
 * - `actors.content_version`: what a profile shows of its owner (profile, tags, posts, events);
 * - `actors.marks_version`: the person's own marks on posts (reactions, boosts, bookmarks, votes);
 * - `actors.graph_version`: how the person stands with others (follows, connections and requests,
 *   blocks, mutes, event invitations, answers and check-ins), moved for both ends;
 * - `actors.inbox_version`: their conversations (memberships, and the blocks and mutes that hide
 *   requests);
 * - `actors.timeline_version`: their stored home timeline (an entry fanned out to it, or removed);
 * - `events.version`: an event's comments (its own changes and answers move its other counters).
 */
interface Watch {
  /** The watched table, and the column naming the row whose version moves. */
  table: string;
  column: string;
  /** The version moved: `posts.version` or one of the actors' counters. */
  target:
    | "posts.version"
    | "events.version"
    | `actors.${"content" | "marks" | "graph" | "inbox" | "timeline"}_version`;
  /** Only updates of these columns (default: every insert, update and delete). */
  updateOf?: string[];
}

const CARD_COLUMNS = [
  "body",
  "body_ast",
  "visibility",
  "comments_closed",
  "reply_count",
  "reaction_count",
  "boost_count",
  "edited_at",
];
const PROFILE_COLUMNS = [
  "handle",
  "display_name",
  "bio",
  "avatar_key",
  "location",
  "headline",
  "organisation",
  "role",
  "interests",
  "skills",
  "links",
  "field_visibility",
];

const WATCHES: Watch[] = [
  { table: "posts", column: "id", target: "posts.version", updateOf: CARD_COLUMNS },
  ...["reactions", "polls", "poll_options", "post_media"].map(
    (table): Watch => ({ table, column: "post_id", target: "posts.version" }),
  ),
  { table: "actors", column: "id", target: "actors.content_version", updateOf: PROFILE_COLUMNS },
  { table: "profile_tags", column: "actor_id", target: "actors.content_version" },
  { table: "posts", column: "author_id", target: "actors.content_version" },
  { table: "posts", column: "author_id", target: "actors.content_version", updateOf: ["version"] },
  { table: "events", column: "organiser_id", target: "actors.content_version" },
  ...["reactions", "boosts", "bookmarks", "poll_votes"].map(
    (table): Watch => ({ table, column: "actor_id", target: "actors.marks_version" }),
  ),
  ...(
    [
      ["follows", "follower_id"],
      ["follows", "followee_id"],
      ["connections", "owner_id"],
      ["connections", "other_id"],
      ["connection_requests", "sender_id"],
      ["connection_requests", "recipient_id"],
      ["blocks", "owner_id"],
      ["blocks", "target_id"],
      ["mutes", "owner_id"],
      ["mutes", "target_id"],
      ["event_invitations", "invitee_id"],
      ["event_rsvps", "actor_id"],
      ["event_checkins", "actor_id"],
    ] as const
  ).map(([table, column]): Watch => ({ table, column, target: "actors.graph_version" })),
  { table: "conversation_members", column: "account_id", target: "actors.inbox_version" },
  { table: "blocks", column: "owner_id", target: "actors.inbox_version" },
  { table: "mutes", column: "owner_id", target: "actors.inbox_version" },
  { table: "home_timeline", column: "owner_id", target: "actors.timeline_version" },
  { table: "posts", column: "event_id", target: "events.version" },
  { table: "posts", column: "event_id", target: "events.version", updateOf: ["version"] },
];

const nameOf = (w: Watch, suffix: string) =>
  `${w.table}_${w.column}_${w.target.replace(".", "_")}${w.updateOf ? "_update_of" : ""}${suffix}`;

async function sqliteTriggers(db: Kysely<unknown>, w: Watch): Promise<void> {
  const [table, counter] = w.target.split(".") as [string, string];
  const events = w.updateOf
    ? [[`update of ${w.updateOf.join(", ")}`, "new", ""] as const]
    : ([
        ["insert", "new", "_insert"],
        ["update", "new", "_update"],
        ["delete", "old", "_delete"],
      ] as const);
  for (const [event, row, suffix] of events) {
    await sql
      .raw(
        `create trigger ${nameOf(w, suffix)} after ${event} on ${w.table} begin
          update ${table} set ${counter} = ${counter} + 1 where id = ${row}.${w.column};
        end`,
      )
      .execute(db);
  }
}

async function postgresTrigger(db: Kysely<unknown>, w: Watch): Promise<void> {
  const [table, counter] = w.target.split(".") as [string, string];
  const event = w.updateOf ? `update of ${w.updateOf.join(", ")}` : "insert or update or delete";
  await sql
    .raw(
      `create trigger ${nameOf(w, "")} after ${event} on ${w.table} for each row
        execute function move_version('${w.column}', '${table}', '${counter}')`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const table of ["posts", "events"]) {
    await db.schema
      .alterTable(table)
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
  for (const counter of ["content", "marks", "graph", "inbox", "timeline"]) {
    await db.schema
      .alterTable("actors")
      .addColumn(`${counter}_version`, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
  if (!sqlite) {
    // One function for every trigger: its arguments name the row's column, and the counter to move.
    await sql`create function move_version() returns trigger language plpgsql as $$
      declare
        row_values jsonb;
      begin
        if tg_op = 'DELETE' then row_values := to_jsonb(old); else row_values := to_jsonb(new); end if;
        execute format('update %I set %I = %I + 1 where id = $1', tg_argv[1], tg_argv[2], tg_argv[2])
          using row_values ->> tg_argv[0];
        return null;
      end $$`.execute(db);
  }
  for (const watch of WATCHES) {
    await (sqlite ? sqliteTriggers(db, watch) : postgresTrigger(db, watch));
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}

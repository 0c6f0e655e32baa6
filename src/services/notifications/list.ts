import type { NotificationKind } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { POST_NOTIFICATION_KINDS } from "../posts/notification-kinds.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { postExcerpt } from "./excerpt.ts";

const PAGE_SIZE = 30;

export interface NotificationEntry {
  id: string;
  kind: NotificationKind;
  actor: Person | null;
  subjectId: string | null;
  createdAt: string;
  unread: boolean;
  /** The start of the post it is about (a post kind, while the viewer may see that post), else null. */
  excerpt: string | null;
}

/** The viewer's notifications, newest first (ids are time-sortable UUIDv7), by keyset on id. */
export async function listNotifications(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  options: { before?: string | undefined } = {},
): Promise<{ items: NotificationEntry[]; next: string | null }> {
  let query = deps.db
    .selectFrom("notifications as n")
    .leftJoin("actors as a", "a.id", "n.actor_id")
    // The post a notice is about, joined only while the viewer may see it (posts area): a notice about
    // a post they can no longer see is not listed, and no text of it is ever read here.
    .leftJoin("posts as sp", (join) =>
      join
        .onRef("sp.id", "=", "n.subject_id")
        .on("n.kind", "in", POST_NOTIFICATION_KINDS)
        .on(whereVisibleTo(viewer.accountId, "sp")),
    )
    .select([
      "n.id",
      "n.kind",
      "n.subject_id",
      "n.created_at",
      "n.read_at",
      "a.id as actor_id",
      "a.handle",
      "a.display_name",
      "a.avatar_key",
      "sp.body",
      "sp.body_ast",
    ])
    .where("n.recipient_id", "=", viewer.accountId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where("owner_id", "=", viewer.accountId)
            .whereRef("target_id", "=", "n.actor_id"),
        ),
      ),
    )
    .where((eb) => eb.or([eb("n.kind", "not in", POST_NOTIFICATION_KINDS), eb("sp.id", "is not", null)]));
  if (options.before) query = query.where("n.id", "<", options.before);
  const rows = await query
    .orderBy("n.id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  const items = rows.slice(0, PAGE_SIZE).map((r) => ({
    id: r.id,
    kind: r.kind,
    actor:
      r.actor_id && r.handle
        ? {
            id: r.actor_id,
            handle: r.handle,
            displayName: r.display_name ?? r.handle,
            avatarKey: r.avatar_key,
          }
        : null,
    subjectId: r.subject_id,
    createdAt: r.created_at,
    unread: r.read_at === null,
    excerpt:
      r.body != null && r.body_ast != null
        ? postExcerpt({ body: r.body, body_ast: r.body_ast }) || null
        : null,
  }));
  return { items, next: rows.length > PAGE_SIZE ? (items.at(-1)?.id ?? null) : null };
}

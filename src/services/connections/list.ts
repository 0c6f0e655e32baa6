import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";

const PAGE_SIZE = 30;

export interface ConnectionEntry extends Person {
  since: string;
  welcomedAt: string | null;
  metWhere: string;
  metOn: string | null;
  metThrough: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  next: string | null;
}

function connectionsOf(deps: Pick<Deps, "db">, viewer: Viewer) {
  return deps.db
    .selectFrom("connections as c")
    .innerJoin("actors as a", "a.id", "c.other_id")
    .select([
      "a.id",
      "a.handle",
      "a.display_name",
      "a.avatar_key",
      "c.created_at",
      "c.welcomed_at",
      "c.met_where",
      "c.met_on",
      "c.met_through",
    ])
    .where("c.owner_id", "=", viewer.accountId);
}

type ConnectionRow = Awaited<ReturnType<ReturnType<typeof connectionsOf>["execute"]>>[number];

function toEntry(r: ConnectionRow): ConnectionEntry {
  return {
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    since: r.created_at,
    welcomedAt: r.welcomed_at,
    metWhere: r.met_where,
    metOn: r.met_on,
    metThrough: r.met_through,
  };
}

/** The viewer's connections, newest first, by keyset ("<created_at>|<other id>"). */
export async function listConnections(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  options: { before?: string | undefined } = {},
): Promise<Page<ConnectionEntry>> {
  let query = connectionsOf(deps, viewer);
  const [createdAt, id] = options.before?.split("|") ?? [];
  if (createdAt && id) {
    query = query.where((eb) =>
      eb.or([
        eb("c.created_at", "<", createdAt),
        eb.and([eb("c.created_at", "=", createdAt), eb("c.other_id", "<", id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("c.created_at", "desc")
    .orderBy("c.other_id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  const items = rows.slice(0, PAGE_SIZE).map(toEntry);
  const last = items.at(-1);
  return { items, next: rows.length > PAGE_SIZE && last ? `${last.since}|${last.id}` : null };
}

/** How long after connecting the welcome prompt stays (RELATIONSHIPS.md §4: welcome within 7 days). */
const WELCOME_PROMPT_DAYS = 7;

/** New connections the viewer has not welcomed yet, with their own "how we met" as context. */
export async function welcomePrompts(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
): Promise<ConnectionEntry[]> {
  const since = new Date(deps.clock.now().getTime() - WELCOME_PROMPT_DAYS * 86_400_000).toISOString();
  const rows = await connectionsOf(deps, viewer)
    .where("c.welcomed_at", "is", null)
    .where("c.created_at", ">=", since)
    .orderBy("c.created_at", "desc")
    .limit(20)
    .execute();
  return rows.map(toEntry);
}

export interface RequestEntry {
  id: string;
  person: Person;
  note: string;
  metWhere: string;
  metOn: string | null;
  metThrough: string;
  createdAt: string;
}

/** Requests waiting for the viewer's answer (ignored ones are out of the inbox), or those the viewer sent. */
export async function listConnectionRequests(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  direction: "received" | "sent",
): Promise<RequestEntry[]> {
  const mine = direction === "received" ? "r.recipient_id" : "r.sender_id";
  const theirs = direction === "received" ? "r.sender_id" : "r.recipient_id";
  // The sender is never told of a decline: to them an unanswered request simply stays sent.
  const statuses =
    direction === "received" ? (["pending"] as const) : (["pending", "ignored", "declined"] as const);
  const rows = await deps.db
    .selectFrom("connection_requests as r")
    .innerJoin("actors as a", "a.id", theirs)
    .select([
      "r.id",
      "r.note",
      "r.met_where",
      "r.met_on",
      "r.met_through",
      "r.created_at",
      "a.id as person_id",
      "a.handle",
      "a.display_name",
      "a.avatar_key",
    ])
    .where(mine, "=", viewer.accountId)
    .where("r.status", "in", [...statuses])
    .orderBy("r.created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person_id, handle: r.handle, displayName: r.display_name, avatarKey: r.avatar_key },
    note: r.note,
    metWhere: r.met_where,
    metOn: r.met_on,
    metThrough: r.met_through,
    createdAt: r.created_at,
  }));
}

/** Pending follow requests to the viewer's locked account. */
export async function listFollowRequests(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
): Promise<(Person & { createdAt: string })[]> {
  const rows = await deps.db
    .selectFrom("follows as f")
    .innerJoin("actors as a", "a.id", "f.follower_id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "f.created_at"])
    .where("f.followee_id", "=", viewer.accountId)
    .where("f.status", "=", "pending")
    .orderBy("f.created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    createdAt: r.created_at,
  }));
}

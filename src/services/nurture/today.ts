import {
  advance,
  dailyNudges,
  type ImportantDate,
  isReconnectWindow,
  type Nudge,
  type NudgeAction,
  type NudgeTie,
} from "../../domain/relationships/index.ts";
import {
  DAY_MS,
  HOUR_MS,
  MEETUP_FOLLOW_UP_HOURS,
  ONCE_STRONG_MIN_PEAK,
} from "../../domain/relationships/params.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseState } from "../ties/columns.ts";
import { storyPath } from "../ties/target.ts";

/** How many fading and dormant ties are looked at (the most declined first): the list shows a handful. */
const RANKED_POOL = 50;

export interface Suggestion {
  nudge: Nudge;
  name: string;
  handle: string | null;
  contactId: string | null;
  storyPath: string;
  /** Where "done" leads: a message, a connection request, or the log form. */
  action: { href: string; type: "message" | "connect" | "log" };
  howWeMet: string | null;
}

/** "MM-DD" keys of today and tomorrow (UTC), for the important-dates lookup. */
function dateKeys(nowMs: number): { month: number; day: number }[] {
  return [0, 1].map((d) => {
    const date = new Date(nowMs + d * DAY_MS);
    return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  });
}

/**
 * Today's suggestions (default 5, ranked: RELATIONSHIPS.md §5): only the ties a nudge can apply to are
 * read (time-bound stages, a recent meetup, a stage change due, the most faded, important dates), so
 * the page costs the same with 50 or 5,000 ties. A nudge disappears once the interaction it asks for
 * is in the ledger, whatever its channel, since it is derived from the tie's state.
 */
export async function todaysSuggestions(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  options: { limit?: number } = {},
): Promise<Suggestion[]> {
  const db = deps.db;
  const owner = viewer.accountId;
  const nowMs = deps.clock.now().getTime();
  const now = new Date(nowMs).toISOString();
  const meetupSince = new Date(nowMs - MEETUP_FOLLOW_UP_HOURS * HOUR_MS).toISOString();
  const columns = ["other_key", "state", "snoozed_until"] as const;
  const notSnoozed = (rows: { other_key: string; state: string; snoozed_until: string | null }[]) =>
    rows.filter((r) => r.snoozed_until === null || r.snoozed_until <= now);
  const days = dateKeys(nowMs);
  const ownTies = () => db.selectFrom("ties").select(columns).where("owner_id", "=", owner);
  // The time-bound ties as three index ranges, not one OR (which read every tie of the owner: 50 ms
  // for 5,000 ties): the welcome stages, a recent meetup, a stage change due.
  const [staged, metRecently, changeDue, fading, dormant, dated] = await Promise.all([
    ownTies().where("stage", "in", ["connected", "welcomed"]).execute(),
    ownTies().where("last_meetup_at", ">=", meetupSince).execute(),
    ownTies().where("next_change_at", "<=", now).execute(),
    db
      .selectFrom("ties")
      .select(columns)
      .where("owner_id", "=", owner)
      .where("stage", "=", "fading")
      .orderBy((eb) => eb("peak_strength", "-", eb.ref("strength")), "desc")
      .limit(RANKED_POOL)
      .execute(),
    isReconnectWindow(nowMs)
      ? db
          .selectFrom("ties")
          .select(columns)
          .where("owner_id", "=", owner)
          .where("stage", "=", "dormant")
          .where("peak_strength", ">=", ONCE_STRONG_MIN_PEAK)
          .orderBy("peak_strength", "desc")
          .limit(RANKED_POOL)
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom("tie_dates")
      .innerJoin("ties", (join) =>
        join
          .onRef("ties.owner_id", "=", "tie_dates.owner_id")
          .onRef("ties.other_key", "=", "tie_dates.other_key"),
      )
      .select(["ties.other_key", "ties.state", "ties.snoozed_until"])
      .where("tie_dates.owner_id", "=", owner)
      .where((eb) =>
        eb.or(
          days.map((d) => eb.and([eb("tie_dates.month", "=", d.month), eb("tie_dates.day", "=", d.day)])),
        ),
      )
      .execute(),
  ]);
  const candidates = new Map<string, string>();
  for (const row of notSnoozed([...staged, ...metRecently, ...changeDue, ...fading, ...dormant, ...dated]))
    candidates.set(row.other_key, row.state);
  if (candidates.size === 0) return [];
  const keys = [...candidates.keys()];
  const [dates, actions] = await Promise.all([
    db
      .selectFrom("tie_dates")
      .select(["other_key", "kind", "month", "day", "year", "label"])
      .where("owner_id", "=", owner)
      .where("other_key", "in", keys)
      .execute(),
    db
      .selectFrom("nudge_actions")
      .select(["nudge_key", "action", "until"])
      .where("owner_id", "=", owner)
      .where("other_key", "in", keys)
      .execute(),
  ]);
  const datesByKey = new Map<string, ImportantDate[]>();
  for (const d of dates) {
    const list = datesByKey.get(d.other_key) ?? [];
    list.push({
      kind: d.kind === "custom" ? "custom" : "birthday",
      month: d.month,
      day: d.day,
      ...(d.year === null ? {} : { year: d.year }),
      ...(d.label ? { label: d.label } : {}),
    });
    datesByKey.set(d.other_key, list);
  }
  const ties: NudgeTie[] = keys.map((key) => ({
    id: key,
    state: advance(parseState({ state: candidates.get(key) ?? "" }), nowMs),
    dates: datesByKey.get(key) ?? [],
  }));
  const nudgeActions: NudgeAction[] = actions.map((a) =>
    a.action === "dismissed"
      ? { key: a.nudge_key, type: "dismissed" }
      : { key: a.nudge_key, type: "snoozed", until: a.until ? Date.parse(a.until) : 0 },
  );
  const nudges = dailyNudges(ties, nowMs, { limit: options.limit ?? 5, actions: nudgeActions });
  return describe(deps, owner, nudges);
}

/** Names, links and "how we met" of the ties in a list of nudges. */
async function describe(deps: Pick<Deps, "db">, owner: string, nudges: Nudge[]): Promise<Suggestion[]> {
  if (nudges.length === 0) return [];
  const keys = [...new Set(nudges.map((n) => n.tieId))];
  const [actors, contacts, connections] = await Promise.all([
    deps.db.selectFrom("actors").select(["id", "handle", "display_name"]).where("id", "in", keys).execute(),
    deps.db
      .selectFrom("contacts")
      .select(["id", "name", "met_where"])
      .where("owner_id", "=", owner)
      .where("id", "in", keys)
      .execute(),
    deps.db
      .selectFrom("connections")
      .select(["other_id", "met_where"])
      .where("owner_id", "=", owner)
      .where("other_id", "in", keys)
      .execute(),
  ]);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const connectionById = new Map(connections.map((c) => [c.other_id, c]));
  const out: Suggestion[] = [];
  for (const nudge of nudges) {
    const actor = actorById.get(nudge.tieId);
    const contact = contactById.get(nudge.tieId);
    if (actor) {
      const connection = connectionById.get(actor.id);
      const path = storyPath({ handle: actor.handle, contactId: null, key: actor.id });
      out.push({
        nudge,
        name: actor.display_name || actor.handle,
        handle: actor.handle,
        contactId: null,
        storyPath: path,
        action: connection
          ? { href: `/messages/new?to=${encodeURIComponent(actor.handle)}`, type: "message" }
          : { href: `/@${actor.handle}/connect`, type: "connect" },
        howWeMet: connection?.met_where || null,
      });
    } else if (contact) {
      const path = storyPath({ handle: null, contactId: contact.id, key: contact.id });
      out.push({
        nudge,
        name: contact.name,
        handle: null,
        contactId: contact.id,
        storyPath: path,
        action: { href: `${path}#log`, type: "log" },
        howWeMet: contact.met_where || null,
      });
    }
  }
  return out;
}

import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { areConnected, isBlockedEitherWay } from "../graph/blocks.ts";
import { hashToken } from "../security/tokens.ts";

export interface ResolvedCode {
  owner: { id: string; handle: string; displayName: string };
  /** The event both are at when the code was shown during one; always null until events exist. */
  eventId: string | null;
  /** The day it is for the viewer (YYYY-MM-DD, their time zone): "met in person on" this day. */
  today: string;
  /** How the viewer stands towards the code's owner (null when anonymous). */
  viewerIs: null | "owner" | "blocked" | "connected" | "member";
}

/** The calendar day of `at` in a time zone, as YYYY-MM-DD. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/**
 * The connect code behind a scanned link: NotFound for a token never issued, "expired" once its
 * lifetime is over; otherwise whose it is and what to prefill.
 */
export async function resolveConnectCode(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  token: string,
): Promise<{ state: "expired" } | ({ state: "open" } & ResolvedCode)> {
  const code = await deps.db
    .selectFrom("connect_codes as c")
    .innerJoin("actors as a", "a.id", "c.owner_id")
    .select(["c.owner_id", "c.event_id", "c.expires_at", "a.handle", "a.display_name"])
    .where("c.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!code) throw new NotFound();
  const now = deps.clock.now();
  if (code.expires_at <= now.toISOString()) return { state: "expired" };
  let viewerIs: ResolvedCode["viewerIs"] = null;
  if (viewer?.accountId === code.owner_id) viewerIs = "owner";
  else if (viewer && (await isBlockedEitherWay(deps.db, viewer.accountId, code.owner_id)))
    viewerIs = "blocked";
  else if (viewer && (await areConnected(deps.db, viewer.accountId, code.owner_id))) viewerIs = "connected";
  else if (viewer) viewerIs = "member";
  return {
    state: "open",
    owner: { id: code.owner_id, handle: code.handle, displayName: code.display_name },
    eventId: code.event_id,
    today: dayIn(now, viewer?.timeZone ?? "UTC"),
    viewerIs,
  };
}

import { normalizeHandle } from "../../domain/handles.ts";
import type { Deps, Viewer } from "../deps.ts";

export interface WelcomePrompt {
  handle: string;
  displayName: string;
  connectedAt: string;
  /** The viewer's own "how we met", shown as context — never turned into a canned text. */
  metWhere: string;
  metOn: string | null;
  metThrough: string;
}

/**
 * When the viewer writes to a connection they have not welcomed yet, the context of the welcome
 * step: how they met, from the viewer's own side of the connection. Null otherwise.
 */
export async function welcomePrompt(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  handle: string,
): Promise<WelcomePrompt | null> {
  const row = await deps.db
    .selectFrom("connections as k")
    .innerJoin("actors as a", "a.id", "k.other_id")
    .select(["a.handle", "a.display_name", "k.created_at", "k.met_where", "k.met_on", "k.met_through"])
    .where("k.owner_id", "=", viewer.accountId)
    .where("a.handle", "=", normalizeHandle(handle))
    .where("a.domain", "is", null)
    .where("k.welcomed_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    handle: row.handle,
    displayName: row.display_name,
    connectedAt: row.created_at,
    metWhere: row.met_where,
    metOn: row.met_on,
    metThrough: row.met_through,
  };
}

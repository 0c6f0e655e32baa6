import { hash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { cardVersions } from "./card-queries.ts";

/**
 * One short string that changes whenever the cards of these posts may look different to this viewer:
 * a post's text, counts, poll or media, its author's name or picture, the viewer's own marks on posts,
 * or how the viewer stands with others (which decides what they may see). With the list of entries a
 * page shows, it is the version of a kept timeline page. One statement.
 */
export async function cardsVersion(
  db: Kysely<Database>,
  viewerId: string,
  postIds: readonly string[],
  /** What else the page lists in order (a timeline's entries: a boost is an entry of its own). */
  listed: readonly string[] = postIds,
): Promise<string> {
  const rows = await cardVersions(db, viewerId, postIds);
  const parts = rows.map((r) => `${r.id}:${r.own}:${r.author}`).sort();
  return hash("sha1", `${listed.join(",")}|${parts.join(",")}`, "base64url");
}

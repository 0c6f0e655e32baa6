import type { Layer, Stage } from "../../domain/relationships/types.ts";
import type { Deps, Viewer } from "../deps.ts";
import { storyPath } from "../ties/target.ts";

/** The picture stays readable: at most this many people are drawn, the strongest first. */
export const CIRCLES_MAX = 500;

export interface CirclePerson {
  key: string;
  name: string;
  stage: Stage;
  strength: number;
  layer: Layer;
  path: string;
}

export interface Circles {
  people: CirclePerson[];
  /** Ties left out of the picture (beyond CIRCLES_MAX), all in the outer circle. */
  hidden: number;
}

/** Every tie of the viewer with a stage, placed by layer and strength (stored by the last write or daily run). */
export async function readCircles(deps: Pick<Deps, "db">, viewer: Viewer): Promise<Circles> {
  const rows = await deps.db
    .selectFrom("ties")
    .leftJoin("actors", "actors.id", "ties.other_actor_id")
    .leftJoin("contacts", (join) =>
      join.onRef("contacts.id", "=", "ties.other_contact_id").on("contacts.owner_id", "=", viewer.accountId),
    )
    .select([
      "ties.other_key",
      "ties.stage",
      "ties.strength",
      "ties.layer",
      "actors.handle",
      "actors.display_name",
      "contacts.id as contact_id",
      "contacts.name as contact_name",
      "contacts.linked_actor_id",
    ])
    .where("ties.owner_id", "=", viewer.accountId)
    .where("ties.stage", "!=", "none")
    .orderBy("ties.strength", "desc")
    .orderBy("ties.other_key")
    .execute();
  const people: CirclePerson[] = [];
  for (const row of rows) {
    if (!row.handle && (!row.contact_id || row.linked_actor_id)) continue;
    people.push({
      key: row.other_key,
      name: row.handle ? row.display_name || row.handle : (row.contact_name ?? ""),
      stage: row.stage as Stage,
      strength: row.strength,
      layer: row.layer as Layer,
      path: storyPath({ handle: row.handle, contactId: row.contact_id, key: row.other_key }),
    });
  }
  return { people: people.slice(0, CIRCLES_MAX), hidden: Math.max(0, people.length - CIRCLES_MAX) };
}

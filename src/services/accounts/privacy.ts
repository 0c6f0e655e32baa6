import type { Deps, Viewer } from "../deps.ts";
import { setLocked } from "../follows/requests.ts";

export interface Privacy {
  locked: boolean;
  discoverable: boolean;
}

export async function readPrivacy(deps: Pick<Deps, "db">, viewer: Viewer): Promise<Privacy> {
  const row = await deps.db
    .selectFrom("accounts")
    .select(["locked", "discoverable"])
    .where("actor_id", "=", viewer.accountId)
    .executeTakeFirstOrThrow();
  return { locked: row.locked === 1, discoverable: row.discoverable === 1 };
}

/** Approving followers (locked) and appearing in others' suggestions (discoverable). */
export async function updatePrivacy(deps: Deps, viewer: Viewer, privacy: Privacy): Promise<void> {
  const current = await readPrivacy(deps, viewer);
  if (current.locked !== privacy.locked) await setLocked(deps, viewer, privacy.locked);
  if (current.discoverable !== privacy.discoverable) {
    await deps.db
      .updateTable("accounts")
      .set({ discoverable: privacy.discoverable ? 1 : 0 })
      .where("actor_id", "=", viewer.accountId)
      .execute();
  }
}

import type { NotificationKind } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";

/** The notification kinds a person can turn off, in the order the settings list them. */
export const PREFERENCE_KINDS = [
  "mention",
  "reply",
  "reaction",
  "boost",
  "poll_ended",
  "follow",
  "connection_request",
] as const satisfies readonly NotificationKind[];

export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

/** Which kinds the viewer receives (all, unless turned off). */
export async function notificationPreferences(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
): Promise<Record<PreferenceKind, boolean>> {
  const rows = await deps.db
    .selectFrom("notification_opt_outs")
    .select("kind")
    .where("account_id", "=", viewer.accountId)
    .execute();
  const off = new Set(rows.map((r) => r.kind));
  return Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, !off.has(k)])) as Record<PreferenceKind, boolean>;
}

/** Saves the kinds the viewer wants; the others are turned off ("follow" covers follow requests too). */
export async function setNotificationPreferences(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  wanted: readonly string[],
): Promise<void> {
  const on = new Set(wanted);
  const off: string[] = PREFERENCE_KINDS.filter((k) => !on.has(k));
  if (off.includes("follow")) off.push("follow_request");
  await deps.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("notification_opt_outs").where("account_id", "=", viewer.accountId).execute();
    if (off.length > 0) {
      await tx
        .insertInto("notification_opt_outs")
        .values(off.map((kind) => ({ account_id: viewer.accountId, kind })))
        .execute();
    }
  });
}

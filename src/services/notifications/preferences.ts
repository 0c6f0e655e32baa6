import type { NotificationKind } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";

/**
 * What a person can turn off in their settings, by section, in the order the settings list them:
 * each choice covers the notification kinds it names (stored as one opt-out row per kind). Every
 * kind is covered by exactly one choice (test/web/notification-preferences.test.ts).
 */
export const PREFERENCE_SECTIONS = {
  posts: {
    mention: ["mention"],
    reply: ["reply"],
    reaction: ["reaction"],
    boost: ["boost"],
    poll_ended: ["poll_ended"],
  },
  people: {
    follow: ["follow", "follow_request"],
    connection_request: ["connection_request"],
    accepted: ["follow_accepted", "connection_accepted"],
    message_request: ["message_request"],
    contact_joined: ["contact_joined"],
  },
  events: {
    event_invited: ["event_invited"],
    event_attending: [
      "event_promoted",
      "event_approved",
      "event_refused",
      "event_reminder",
      "event_changed",
      "event_cancelled",
    ],
    event_hosting: ["event_request", "event_answer"],
  },
} as const satisfies Record<string, Record<string, readonly NotificationKind[]>>;

type Sections = typeof PREFERENCE_SECTIONS;
export type Preference = { [S in keyof Sections]: keyof Sections[S] }[keyof Sections];
/** Each choice and the kinds it covers. */
export const PREFERENCES = Object.assign({}, ...Object.values(PREFERENCE_SECTIONS)) as Record<
  Preference,
  readonly NotificationKind[]
>;
const CHOICES = Object.keys(PREFERENCES) as Preference[];

/** Which choices the viewer has on (all, unless turned off). */
export async function notificationPreferences(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
): Promise<Record<Preference, boolean>> {
  const rows = await deps.db
    .selectFrom("notification_opt_outs")
    .select("kind")
    .where("account_id", "=", viewer.accountId)
    .execute();
  const off = new Set<string>(rows.map((r) => r.kind));
  return Object.fromEntries(
    CHOICES.map((choice) => [choice, !PREFERENCES[choice].some((kind) => off.has(kind))]),
  ) as Record<Preference, boolean>;
}

/** Saves the choices the viewer wants on; the others are turned off, every kind they cover. */
export async function setNotificationPreferences(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  wanted: readonly string[],
): Promise<void> {
  const on = new Set(wanted);
  const off = CHOICES.filter((choice) => !on.has(choice)).flatMap((choice) => PREFERENCES[choice]);
  await deps.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("notification_opt_outs").where("account_id", "=", viewer.accountId).execute();
    if (off.length > 0)
      await tx
        .insertInto("notification_opt_outs")
        .values(off.map((kind) => ({ account_id: viewer.accountId, kind })))
        .execute();
  });
}

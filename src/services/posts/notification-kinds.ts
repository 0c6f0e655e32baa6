import type { NotificationKind } from "../../db/schema.ts";

/** Notification kinds whose subject is a post: shown only while the recipient may see that post. */
export const POST_NOTIFICATION_KINDS = [
  "mention",
  "reply",
  "reaction",
  "boost",
  "poll_ended",
] as const satisfies readonly NotificationKind[];

import type { Translate } from "../i18n/index.ts";
import { BADGE_CAP } from "../services/notifications/unread.ts";

/** What a screen reader hears for a badge: the count, or "more than 99" once counting stopped. */
export function unreadLabel(t: Translate, count: number): string {
  return count >= BADGE_CAP ? t("nav.unreadMany", { count: BADGE_CAP - 1 }) : t("nav.unread", { count });
}

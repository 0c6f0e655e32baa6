import type { Deps } from "../../services/deps.ts";
import { unreadMessageCount } from "../../services/messages/unread.ts";
import { unreadNotificationCount } from "../../services/notifications/unread.ts";
import { resolveSession } from "../../services/sessions/resolve.ts";
import { cookieNames } from "../cookies.ts";
import type { AppContext, NavCounts } from "../env.ts";
import { requestCookie } from "../request-headers.ts";

async function navCounts(deps: Deps, accountId: string): Promise<NavCounts> {
  const [notifications, messages] = await Promise.all([
    unreadNotificationCount(deps.db, accountId),
    unreadMessageCount(deps.db, accountId),
  ]);
  return { notifications, messages };
}

/** Sets `viewer` from the session cookie; no cookie costs no query. */
export function sessionStep(deps: Deps) {
  const { session } = cookieNames(deps.config);
  return async (c: AppContext): Promise<void> => {
    const token = requestCookie(c, session);
    const viewer = token ? await resolveSession(deps, token) : null;
    c.set("viewer", viewer);
    c.set("navCounts", viewer ? () => navCounts(deps, viewer.accountId) : null);
  };
}

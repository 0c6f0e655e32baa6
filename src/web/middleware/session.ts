import type { Deps, Viewer } from "../../services/deps.ts";
import { recentBadgeCounts } from "../../services/notifications/badges.ts";
import { recentSession, resolveSession } from "../../services/sessions/resolve.ts";
import { cookieNames } from "../cookies.ts";
import type { AppContext, NavCounts } from "../env.ts";
import { requestCookie } from "../request-headers.ts";

const navCounts = (deps: Deps, accountId: string): Promise<NavCounts> =>
  recentBadgeCounts(deps.db, accountId);

/**
 * Sets `viewer` from the session cookie. No cookie, or a session seen in the last seconds, costs no
 * query and no promise (undefined is returned); otherwise the returned promise settles once it is set.
 */
export function sessionStep(deps: Deps) {
  const { session } = cookieNames(deps.config);
  const setViewer = (c: AppContext, viewer: Viewer | null) => {
    c.set("viewer", viewer);
    c.set("navCounts", viewer ? () => navCounts(deps, viewer.accountId) : null);
  };
  return (c: AppContext): Promise<void> | undefined => {
    const token = requestCookie(c, session);
    const recent = token ? recentSession(deps, token) : null;
    if (!token || recent) {
      setViewer(c, recent);
      return undefined;
    }
    return resolveSession(deps, token).then((viewer) => setViewer(c, viewer));
  };
}

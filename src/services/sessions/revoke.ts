import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { forgetAccountSessions } from "./cache.ts";

/** Ends one of the viewer's own sessions (another person's session id answers "not found"). */
export async function revokeSession(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  sessionId: string,
): Promise<void> {
  const result = await deps.db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("account_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFound();
  forgetAccountSessions(deps.db, viewer.accountId);
}

/** Ends every session of the account but the one in use ("sign out everywhere else"). */
export async function revokeOtherSessions(deps: Pick<Deps, "db">, viewer: Viewer): Promise<void> {
  await deps.db
    .deleteFrom("sessions")
    .where("account_id", "=", viewer.accountId)
    .where("id", "!=", viewer.sessionId)
    .execute();
  forgetAccountSessions(deps.db, viewer.accountId);
}

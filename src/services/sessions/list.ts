import type { Deps, Viewer } from "../deps.ts";

export interface SessionSummary {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export async function listSessions(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
): Promise<SessionSummary[]> {
  const rows = await deps.db
    .selectFrom("sessions")
    .select(["id", "user_agent", "ip", "created_at", "last_seen_at"])
    .where("account_id", "=", viewer.accountId)
    .where("expires_at", ">", deps.clock.now().toISOString())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.user_agent,
    ip: r.ip,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    current: r.id === viewer.sessionId,
  }));
}

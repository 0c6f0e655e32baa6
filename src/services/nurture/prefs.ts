import type { Deps, Viewer } from "../deps.ts";

export interface NurturePrefs {
  weeklyDigest: boolean;
  digestSentAt: string | null;
}

export async function readPrefs(deps: Pick<Deps, "db">, viewer: Viewer): Promise<NurturePrefs> {
  const row = await deps.db
    .selectFrom("nurture_prefs")
    .select(["weekly_digest", "digest_sent_at"])
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  return { weeklyDigest: row?.weekly_digest === 1, digestSentAt: row?.digest_sent_at ?? null };
}

/** Opts in or out of the weekly digest email. */
export async function savePrefs(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  input: Record<string, string | undefined>,
): Promise<void> {
  const weekly = input.weeklyDigest === "on" ? 1 : 0;
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto("nurture_prefs")
    .values({ owner_id: viewer.accountId, weekly_digest: weekly, updated_at: now })
    .onConflict((oc) => oc.column("owner_id").doUpdateSet({ weekly_digest: weekly, updated_at: now }))
    .execute();
}

import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { composeDigest } from "./compose.ts";
import { sendMail } from "./send.ts";

export const DIGEST_KIND = "digest.weekly";
export const DIGEST_BATCH_KIND = "digest.batch";
const BATCH = 50;
/** A member gets at most one digest in this many days, even if the job runs twice. */
const MIN_DAYS_BETWEEN = 6;

/** Sends one member's digest if they opted in and had none this week. Returns whether one went out. */
export async function sendDigestTo(deps: Deps, accountId: string): Promise<boolean> {
  const now = deps.clock.now();
  const prefs = await deps.db
    .selectFrom("nurture_prefs")
    .innerJoin("actors", "actors.id", "nurture_prefs.owner_id")
    .select(["nurture_prefs.weekly_digest", "nurture_prefs.digest_sent_at", "actors.handle"])
    .where("nurture_prefs.owner_id", "=", accountId)
    .executeTakeFirst();
  if (prefs?.weekly_digest !== 1) return false;
  if (
    prefs.digest_sent_at &&
    now.getTime() - Date.parse(prefs.digest_sent_at) < MIN_DAYS_BETWEEN * 86_400_000
  ) {
    return false;
  }
  const message = await composeDigest(deps, accountId);
  if (message) await sendMail(deps, message, prefs.handle);
  await deps.db
    .updateTable("nurture_prefs")
    .set({ digest_sent_at: now.toISOString() })
    .where("owner_id", "=", accountId)
    .execute();
  return message !== null;
}

/** One batch of opted-in members after `after`, then the next batch as a new job. */
export async function runDigestBatch(deps: Deps, payload: unknown): Promise<void> {
  const after = (payload as { after?: unknown } | null)?.after;
  const cursor = typeof after === "string" ? after : "";
  const owners = await deps.db
    .selectFrom("nurture_prefs")
    .select("owner_id")
    .where("weekly_digest", "=", 1)
    .where("owner_id", ">", cursor)
    .orderBy("owner_id")
    .limit(BATCH)
    .execute();
  for (const { owner_id } of owners) await sendDigestTo(deps, owner_id);
  const last = owners.at(-1)?.owner_id;
  if (owners.length === BATCH && last) {
    await enqueue(deps, {
      kind: DIGEST_BATCH_KIND,
      key: `${DIGEST_BATCH_KIND}:${last}`,
      payload: { after: last },
    });
  }
}

export const digestJobs = {
  [DIGEST_KIND]: (deps: Deps) =>
    enqueue(deps, { kind: DIGEST_BATCH_KIND, key: `${DIGEST_BATCH_KIND}:`, payload: { after: "" } }).then(
      () => undefined,
    ),
  [DIGEST_BATCH_KIND]: runDigestBatch,
};

/** Weekly. */
export const digestRecurring = [{ kind: DIGEST_KIND, everySeconds: 7 * 86_400 }];

import { z } from "zod";
import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";

const KEY =
  /^(welcome|meetup_follow_up|follow_up|catch_up|reconnect|important_date):([^:]{1,64}):(\d{1,15})(:.{0,200})?$/;

const schema = z.object({
  key: z.string().regex(KEY, { message: "error.invalid" }),
  action: z.enum(["dismiss", "snooze"], { message: "error.invalid" }),
  days: z
    .string()
    .default("7")
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 90, {
      message: "error.nurture.snooze",
    })
    .transform(Number),
});

/** Snoozes (for some days) or dismisses one of the viewer's nudges; another person's tie is "not found". */
export async function actOnNudge(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  input: Record<string, string | undefined>,
): Promise<void> {
  const data = parseInput(schema, input);
  const otherKey = KEY.exec(data.key)?.[2] ?? "";
  const tie = await deps.db
    .selectFrom("ties")
    .select("other_key")
    .where("owner_id", "=", viewer.accountId)
    .where("other_key", "=", otherKey)
    .executeTakeFirst();
  if (!tie) throw new NotFound();
  const now = deps.clock.now();
  const row = {
    action: data.action === "dismiss" ? ("dismissed" as const) : ("snoozed" as const),
    until: data.action === "dismiss" ? null : new Date(now.getTime() + data.days * 86_400_000).toISOString(),
    created_at: now.toISOString(),
  };
  await deps.db
    .insertInto("nudge_actions")
    .values({ owner_id: viewer.accountId, nudge_key: data.key, other_key: otherKey, ...row })
    .onConflict((oc) => oc.columns(["owner_id", "nudge_key"]).doUpdateSet(row))
    .execute();
}

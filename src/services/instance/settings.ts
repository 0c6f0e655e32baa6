import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";

export const REGISTRATION_MODES = ["open", "invite", "closed"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export async function getRegistrationMode(db: Kysely<Database>): Promise<RegistrationMode> {
  const row = await db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", "registration_mode")
    .executeTakeFirst();
  const mode = row?.value as RegistrationMode | undefined;
  return mode && REGISTRATION_MODES.includes(mode) ? mode : "open";
}

export function assertAdmin(viewer: Viewer | null): asserts viewer is Viewer {
  // The admin area answers like a missing page to everyone else.
  if (viewer?.role !== "admin") throw new NotFound();
}

const schema = z.object({ mode: z.enum(REGISTRATION_MODES, { error: "error.invalid" }) });

export async function setRegistrationMode(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  input: { mode?: string | undefined },
): Promise<void> {
  assertAdmin(viewer);
  const { mode } = parseInput(schema, input);
  await deps.db
    .insertInto("instance_settings")
    .values({ key: "registration_mode", value: mode })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: mode }))
    .execute();
}

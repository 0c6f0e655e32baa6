import { z } from "zod";
import type { Deps, Viewer } from "../deps.ts";
import { forgetAccountSessions } from "../sessions/cache.ts";
import { parseInput } from "../validate.ts";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

const timeZones = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));

const schema = z.object({
  locale: z.enum(LOCALES, { error: "error.invalid" }).optional(),
  timeZone: z
    .string()
    .refine((zone) => zone === "" || timeZones.has(zone), "error.timeZone")
    .optional(),
});

/** Language and time zone of the account; an empty time zone means "the instance default". */
export async function updatePreferences(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  input: { locale?: string | undefined; timeZone?: string | undefined },
): Promise<void> {
  const data = parseInput(schema, input);
  const changes: { locale?: string; time_zone?: string | null } = {};
  if (data.locale) changes.locale = data.locale;
  if (data.timeZone !== undefined) changes.time_zone = data.timeZone || null;
  if (Object.keys(changes).length === 0) return;
  await deps.db.updateTable("accounts").set(changes).where("actor_id", "=", viewer.accountId).execute();
  forgetAccountSessions(deps.db, viewer.accountId);
}

export function listTimeZones(): string[] {
  return [...timeZones].sort();
}

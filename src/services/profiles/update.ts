import { z } from "zod";
import {
  AUDIENCES,
  type Audience,
  canSee,
  PROFILE_FIELDS,
  type ProfileField,
  parseTags,
} from "../../domain/profile.ts";
import type { Deps, Viewer } from "../deps.ts";
import { linkLinesField } from "../link-lines.ts";
import { forgetAccountSessions } from "../sessions/cache.ts";
import { parseInput } from "../validate.ts";

const text = (max: number) => z.string().trim().max(max, "error.tooLong").default("");
const audience = z.enum(AUDIENCES, { error: "error.invalid" }).default("public");

const schema = z.object({
  displayName: z
    .string({ error: "error.required" })
    .trim()
    .min(1, "error.required")
    .max(100, "error.tooLong"),
  bio: text(2000),
  location: text(100),
  interests: z
    .string()
    .max(2000, "error.tooLong")
    .default("")
    .transform((v) => parseTags(v)),
  personalLinks: linkLinesField,
  headline: text(150),
  organisation: text(100),
  role: text(100),
  skills: z
    .string()
    .max(2000, "error.tooLong")
    .default("")
    .transform((v) => parseTags(v)),
  professionalLinks: linkLinesField,
  ...Object.fromEntries(PROFILE_FIELDS.map((f) => [`${f}Audience`, audience])),
});
export type ProfileInput = Record<string, string | undefined>;

export async function updateProfile(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  input: ProfileInput,
): Promise<void> {
  const data = parseInput(schema, input) as z.output<typeof schema> & Record<string, string>;
  const fieldVisibility = Object.fromEntries(
    PROFILE_FIELDS.map((f: ProfileField) => [f, data[`${f}Audience`]]),
  ) as Record<ProfileField, Audience>;
  // What anyone may see of the profile is what people search and "people you may know" look up.
  const forEveryone = (field: ProfileField) => canSee(fieldVisibility[field], "anonymous");
  const allLinks = [
    ...data.personalLinks.map((l) => ({ ...l, side: "personal" })),
    ...data.professionalLinks.map((l) => ({ ...l, side: "professional" })),
  ];
  const publicTags = [
    ...(forEveryone("interests") ? data.interests : []),
    ...(forEveryone("skills") ? data.skills : []),
  ].map((tag) => tag.toLowerCase());
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("actors")
      .set({
        display_name: data.displayName,
        bio: data.bio,
        location: data.location,
        interests: JSON.stringify(data.interests),
        headline: data.headline,
        public_headline: forEveryone("headline") ? data.headline : "",
        organisation: data.organisation,
        role: data.role,
        skills: JSON.stringify(data.skills),
        links: JSON.stringify(allLinks),
        field_visibility: JSON.stringify(fieldVisibility),
        updated_at: deps.clock.now().toISOString(),
      })
      .where("id", "=", viewer.accountId)
      .execute();
    await tx.deleteFrom("profile_tags").where("actor_id", "=", viewer.accountId).execute();
    const unique = [...new Set(publicTags)];
    if (unique.length > 0) {
      await tx
        .insertInto("profile_tags")
        .values(unique.map((tag) => ({ actor_id: viewer.accountId, tag })))
        .execute();
    }
  });
  // The display name travels with the session.
  forgetAccountSessions(deps.db, viewer.accountId);
}

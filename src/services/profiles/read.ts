import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Actor, Database } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";
import {
  type Audience,
  DEFAULT_AUDIENCE,
  PROFILE_FIELDS,
  type Profile,
  type ProfileField,
  type ProfileLink,
  type Relation,
  type VisibleProfile,
  visibleProfile,
} from "../../domain/profile.ts";
import { isLocale, type Locale } from "../../i18n/index.ts";
import type { Deps, Viewer } from "../deps.ts";
import { relationOf } from "../graph/relation.ts";

interface StoredLink extends ProfileLink {
  side: "personal" | "professional";
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The audience of each profile field, from the stored `field_visibility` (missing ones defaulted). */
export function fieldAudiences(fieldVisibility: string): Record<ProfileField, Audience> {
  const stored = parseJson<Partial<Record<ProfileField, Audience>>>(fieldVisibility, {});
  const audience = { ...DEFAULT_AUDIENCE };
  for (const field of PROFILE_FIELDS) {
    const value = stored[field];
    if (value === "public" || value === "connections" || value === "private") audience[field] = value;
  }
  return audience;
}

/** Row -> domain profile (JSON columns decoded, missing audiences defaulted). */
export function toProfile(actor: Actor): Profile {
  const links = parseJson<StoredLink[]>(actor.links, []);
  return {
    handle: actor.handle,
    displayName: actor.display_name,
    avatarKey: actor.avatar_key,
    bio: actor.bio,
    location: actor.location,
    interests: parseJson<string[]>(actor.interests, []),
    personalLinks: links.filter((l) => l.side === "personal").map(({ label, url }) => ({ label, url })),
    headline: actor.headline,
    organisation: actor.organisation,
    role: actor.role,
    skills: parseJson<string[]>(actor.skills, []),
    professionalLinks: links
      .filter((l) => l.side === "professional")
      .map(({ label, url }) => ({ label, url })),
    audience: fieldAudiences(actor.field_visibility),
  };
}

/** On every profile view: compiled once. */
const localActorByHandle = prepared(1, (db: Kysely<Database>, handle: string) =>
  db.selectFrom("actors").selectAll().where("handle", "=", handle).where("domain", "is", null),
);

export async function findLocalActor(deps: Pick<Deps, "db">, handle: string): Promise<Actor> {
  const [actor] = await localActorByHandle(deps.db, normalizeHandle(handle));
  if (!actor) throw new NotFound();
  return actor;
}

/**
 * The language a local person's account is set to (English if none): what speaks for them to anyone,
 * as their feed's title does, whatever the reader's own language.
 */
export async function accountLocale(deps: Pick<Deps, "db">, actorId: string): Promise<Locale> {
  const row = await deps.db
    .selectFrom("accounts")
    .select("locale")
    .where("actor_id", "=", actorId)
    .executeTakeFirst();
  return isLocale(row?.locale) ? row.locale : "en";
}

export interface ProfileView {
  actorId: string;
  relation: Relation;
  blockedByViewer: boolean;
  profile: VisibleProfile;
  joinedAt: string;
}

/** A local profile as this viewer may see it. */
export async function viewProfile(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  handle: string,
): Promise<ProfileView> {
  const actor = await findLocalActor(deps, handle);
  const { relation, blockedByOwner, blockedByViewer } = await relationOf(deps, viewer, actor.id);
  // Someone blocked by the owner sees no profile at all, exactly as if it did not exist.
  if (blockedByOwner) throw new NotFound();
  return {
    actorId: actor.id,
    relation,
    blockedByViewer,
    profile: visibleProfile(toProfile(actor), relation),
    joinedAt: actor.created_at,
  };
}

/** The owner's own full profile, for the edit form. */
export async function ownProfile(deps: Pick<Deps, "db">, viewer: Viewer): Promise<Profile> {
  return toProfile(await findLocalActor(deps, viewer.handle));
}

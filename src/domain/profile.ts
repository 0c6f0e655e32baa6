/**
 * The profile model and its visibility rule, decided here once and used by every page and API.
 * Display name, handle and avatar are always public (others need them to recognise a person);
 * every other field has its own audience.
 */
export const AUDIENCES = ["public", "connections", "private"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PROFILE_FIELDS = [
  "bio",
  "location",
  "interests",
  "personalLinks",
  "headline",
  "organisation",
  "role",
  "skills",
  "professionalLinks",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PERSONAL_FIELDS: readonly ProfileField[] = ["bio", "location", "interests", "personalLinks"];
export const PROFESSIONAL_FIELDS: readonly ProfileField[] = [
  "headline",
  "organisation",
  "role",
  "skills",
  "professionalLinks",
];

export const DEFAULT_AUDIENCE: Readonly<Record<ProfileField, Audience>> = {
  bio: "public",
  location: "connections",
  interests: "public",
  personalLinks: "public",
  headline: "public",
  organisation: "public",
  role: "public",
  skills: "public",
  professionalLinks: "public",
};

/** How the viewer stands towards the profile's owner. */
export type Relation = "self" | "connection" | "member" | "anonymous";

export function canSee(audience: Audience, relation: Relation): boolean {
  switch (audience) {
    case "public":
      return true;
    case "connections":
      return relation === "self" || relation === "connection";
    case "private":
      return relation === "self";
  }
}

export interface ProfileLink {
  label: string;
  url: string;
}

export interface Profile {
  handle: string;
  displayName: string;
  avatarKey: string | null;
  bio: string;
  location: string;
  interests: string[];
  personalLinks: ProfileLink[];
  headline: string;
  organisation: string;
  role: string;
  skills: string[];
  professionalLinks: ProfileLink[];
  audience: Record<ProfileField, Audience>;
}

export type VisibleProfile = Omit<Profile, ProfileField | "audience"> & Partial<Pick<Profile, ProfileField>>;

/** The profile as `relation` may see it: hidden fields are absent, not blank. */
export function visibleProfile(profile: Profile, relation: Relation): VisibleProfile {
  const { audience, ...rest } = profile;
  const visible: VisibleProfile = {
    handle: rest.handle,
    displayName: rest.displayName,
    avatarKey: rest.avatarKey,
  };
  for (const field of PROFILE_FIELDS) {
    if (canSee(audience[field], relation)) Object.assign(visible, { [field]: rest[field] });
  }
  return visible;
}

/** Tags typed as "a, b, #c" -> ["a", "b", "c"], trimmed, deduplicated case-insensitively, capped. */
export function parseTags(input: string, max = 30): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(/[,\n]/)) {
    const tag = raw.trim().replace(/^#/, "").slice(0, 50);
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags.slice(0, max);
}

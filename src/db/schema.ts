import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table types shared by both engines. Timestamps are ISO-8601 UTC strings (sortable, identical on
 * SQLite and PostgreSQL); flags are 0/1 integers; JSON columns are text.
 */
export interface ActorsTable {
  id: string;
  /** Lower-case handle; unique among local actors. */
  handle: string;
  /** null for a local actor, the remote host for a fediverse actor. */
  domain: string | null;
  uri: string;
  inbox_url: string | null;
  shared_inbox_url: string | null;
  public_key_pem: string | null;
  display_name: string;
  bio: Generated<string>;
  avatar_key: string | null;
  location: Generated<string>;
  headline: Generated<string>;
  organisation: Generated<string>;
  role: Generated<string>;
  /** JSON array of strings. */
  interests: Generated<string>;
  /** JSON array of strings. */
  skills: Generated<string>;
  /** JSON array of { label, url, side: "personal" | "professional" }. */
  links: Generated<string>;
  /** JSON object: profile field name -> "public" | "connections" | "private". */
  field_visibility: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  actor_id: string;
  email: string;
  password_hash: string;
  role: "admin" | "member";
  locale: string | null;
  time_zone: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RegistrationInvitesTable {
  id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}

export interface FollowsTable {
  id: string;
  follower_id: string;
  followee_id: string;
  status: "accepted" | "pending";
  /** The Follow activity's id, for federation. */
  uri: string | null;
  created_at: string;
  accepted_at: string | null;
}

export interface Database {
  actors: ActorsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  registration_invites: RegistrationInvitesTable;
  instance_settings: InstanceSettingsTable;
  rate_limits: RateLimitsTable;
  follows: FollowsTable;
}

export type Actor = Selectable<ActorsTable>;
export type NewActor = Insertable<ActorsTable>;
export type ActorUpdate = Updateable<ActorsTable>;
export type Account = Selectable<AccountsTable>;

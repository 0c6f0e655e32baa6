import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { EventsTables } from "./schema-events.ts";
import type { ImportsTables } from "./schema-imports.ts";
import type { JobsTables } from "./schema-jobs.ts";
import type { PostsTables } from "./schema-posts.ts";
import type { TiesTables } from "./schema-ties.ts";
import type { TimelinesTables } from "./schema-timelines.ts";

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
  /** The headline when its audience is public, else empty: what people search indexes (migration 0032). */
  public_headline: Generated<string>;
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
  /** Version counters moved by triggers (migration 0018_versions). */
  content_version: Generated<number>;
  marks_version: Generated<number>;
  graph_version: Generated<number>;
  inbox_version: Generated<number>;
}

export interface AccountsTable {
  actor_id: string;
  email: string;
  password_hash: string;
  role: "admin" | "member";
  locale: string | null;
  time_zone: string | null;
  created_at: string;
  /** 1: follows need approval. */
  locked: Generated<number>;
  /** 0: never suggested in "people you may know". */
  discoverable: Generated<number>;
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

export type RequestStatus = "pending" | "accepted" | "declined" | "ignored" | "withdrawn";

/** "How we met", as entered by one side (private to them once the connection exists). */
export interface HowWeMetColumns {
  met_where: Generated<string>;
  /** YYYY-MM-DD. */
  met_on: string | null;
  met_through: Generated<string>;
  event_id: string | null;
}

export interface ConnectionRequestsTable extends HowWeMetColumns {
  id: string;
  sender_id: string;
  recipient_id: string;
  note: Generated<string>;
  /** The sender's offline contact to link to the recipient's account on acceptance. */
  contact_id: string | null;
  source: Generated<"profile" | "qr" | "invite" | "suggestion" | "event">;
  status: RequestStatus;
  created_at: string;
  decided_at: string | null;
}

export interface ConnectionsTable extends HowWeMetColumns {
  owner_id: string;
  other_id: string;
  request_id: string | null;
  created_at: string;
  /** When the owner welcomed the other (a personal message after connecting). */
  welcomed_at: string | null;
}

export interface OwnerTargetTable {
  owner_id: string;
  target_id: string;
  created_at: string;
}

export interface ReportsTable {
  id: string;
  reporter_id: string;
  target_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export type NotificationKind =
  | "follow"
  | "follow_request"
  | "follow_accepted"
  | "connection_request"
  | "connection_accepted"
  | "message_request"
  | "contact_joined"
  // posts area (subject_id: the post)
  | "mention"
  | "reply"
  | "reaction"
  | "boost"
  | "poll_ended"
  // events area (subject_id: the event)
  | "event_invited"
  | "event_promoted"
  | "event_approved"
  | "event_refused"
  | "event_request"
  | "event_answer"
  | "event_reminder"
  | "event_changed"
  | "event_cancelled";

export interface NotificationsTable {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  actor_id: string | null;
  subject_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** The interaction ledger: one row per owner, other party, kind, UTC day and initiating side. */
export interface InteractionsTable {
  id: string;
  owner_id: string;
  /** other_actor_id ?? other_contact_id: the tie's key. */
  other_key: string;
  other_actor_id: string | null;
  other_contact_id: string | null;
  initiator: "owner" | "other";
  /** A FactKind of src/domain/relationships. */
  kind: string;
  channel: string;
  occurred_at: string;
  /** YYYY-MM-DD (UTC) of occurred_at. */
  day: string;
  source_type: string;
  source_id: string | null;
  note: string | null;
  created_at: string;
}

export interface ContactsTable {
  id: string;
  owner_id: string;
  name: string;
  met_where: Generated<string>;
  met_on: string | null;
  how_met: Generated<string>;
  notes: Generated<string>;
  /** JSON array of strings. */
  tags: Generated<string>;
  side: Generated<"personal" | "professional" | "both">;
  email: Generated<string>;
  phone: Generated<string>;
  /** JSON array of { label, url }. */
  links: Generated<string>;
  linked_actor_id: string | null;
  source: Generated<string>;
  source_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactInvitesTable {
  id: string;
  contact_id: string;
  owner_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface ConnectCodesTable {
  id: string;
  owner_id: string;
  token_hash: string;
  event_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface SuggestionDismissalsTable {
  owner_id: string;
  dismissed_id: string;
  created_at: string;
}

export interface ConversationsTable {
  id: string;
  kind: "direct" | "group";
  title: Generated<string>;
  /** "<smaller id>:<larger id>" for a 1:1 conversation, so there is only one per pair. */
  direct_key: string | null;
  created_by: string;
  created_at: string;
  last_message_at: string;
}

export interface ConversationMembersTable {
  conversation_id: string;
  account_id: string;
  /** request: a message request not yet accepted; declined; left. */
  state: "active" | "request" | "declined" | "left";
  last_message_at: string;
  last_read_at: string | null;
  unread_count: Generated<number>;
  joined_at: string;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  created_at: string;
}

export interface ProfileTagsTable {
  actor_id: string;
  /** Lower-cased. */
  tag: string;
}

/** Every table; each feature area keeps its own table types in `schema-<area>.ts`. */
export interface Database
  extends JobsTables,
    PostsTables,
    TimelinesTables,
    TiesTables,
    EventsTables,
    ImportsTables {
  actors: ActorsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  registration_invites: RegistrationInvitesTable;
  instance_settings: InstanceSettingsTable;
  rate_limits: RateLimitsTable;
  follows: FollowsTable;
  connection_requests: ConnectionRequestsTable;
  connections: ConnectionsTable;
  blocks: OwnerTargetTable;
  mutes: OwnerTargetTable;
  reports: ReportsTable;
  notifications: NotificationsTable;
  interactions: InteractionsTable;
  contacts: ContactsTable;
  contact_invites: ContactInvitesTable;
  connect_codes: ConnectCodesTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  profile_tags: ProfileTagsTable;
}

export type Actor = Selectable<ActorsTable>;
export type NewActor = Insertable<ActorsTable>;
export type ActorUpdate = Updateable<ActorsTable>;
export type Account = Selectable<AccountsTable>;

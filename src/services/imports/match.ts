/**
 * Who an imported person may be: a Liens member (email of a discoverable account, a profile or public
 * profile link's URL, a fediverse handle), one of the owner's existing contacts (same source id, email
 * or URL), or another person of the same import (email, URL, handle, name + organisation).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import { normalizeName } from "../../domain/imports/text.ts";
import { DEFAULT_AUDIENCE, type ProfileField } from "../../domain/profile.ts";
import { PositionIndex } from "./position-index.ts";

export type MatchReason = "source" | "email" | "url" | "handle";
export type MergeReason = "email" | "url" | "handle" | "name_org";

export function normEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A URL reduced to host (no www.) and path, lower-cased, without trailing slash, query or scheme. */
export function normUrl(raw: string): string | undefined {
  const url = URL.parse(raw.trim());
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  const path = decodeURIComponentSafe(url.pathname).replace(/\/+$/, "");
  return `${url.hostname.replace(/^www\./, "")}${path}`.toLowerCase();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function normHandle(handle: string): string {
  return handle.trim().toLowerCase().replace(/^@?/, "@");
}

/** The keys by which two records of one person can be recognised. */
export function identityKeys(p: ImportedPerson): { reason: MergeReason; key: string }[] {
  const keys: { reason: MergeReason; key: string }[] = [];
  for (const e of p.emails) if (e.includes("@")) keys.push({ reason: "email", key: `e:${normEmail(e)}` });
  for (const u of p.urls) {
    const n = normUrl(u);
    if (n) keys.push({ reason: "url", key: `u:${n}` });
  }
  if (p.fediverseHandle) keys.push({ reason: "handle", key: `h:${normHandle(p.fediverseHandle)}` });
  const name = normalizeName(p.displayName);
  const org = normalizeName(p.organisation ?? "");
  if (name && org) keys.push({ reason: "name_org", key: `n:${name}|${org}` });
  return keys;
}

export interface MemberMatch {
  actorId: string;
  reason: Exclude<MatchReason, "source">;
}

const chunk = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Finds members for pages of people: what does not depend on the page is read once. */
export interface MemberMatcher {
  /** Members of `people` by their index in the page (a few batched queries, never one per person). */
  find(people: ImportedPerson[]): Promise<Map<number, MemberMatch>>;
}

/**
 * Matches people to members by email (discoverable accounts), profile URL (local profile, or a
 * public profile link) and fediverse handle. Excludes the owner, and anyone with a block either way.
 */
export function memberMatcher(db: Kysely<Database>, ownerId: string, publicUrl: string): MemberMatcher {
  const localHost = new URL(publicUrl).host.toLowerCase();
  const localRe = new RegExp(`^${escapeRe(localHost)}/@([a-z0-9_]+)$`);
  let fixed: Promise<{ byUrl: Map<string, string>; blocked: Set<string> }> | undefined;
  // Public profile links of local members (the LinkedIn URL someone put on their Liens profile) and
  // blocks: read once for the whole import.
  const load = async () => {
    const byUrl = new Map<string, string>();
    const rows = await db
      .selectFrom("actors")
      .select(["id", "links", "field_visibility"])
      .where("domain", "is", null)
      .where("links", "!=", "[]")
      .execute();
    for (const r of rows) {
      const visibility = JSON.parse(r.field_visibility) as Partial<Record<ProfileField, string>>;
      for (const link of JSON.parse(r.links) as { url: string; side?: string }[]) {
        const field: ProfileField = link.side === "professional" ? "professionalLinks" : "personalLinks";
        if ((visibility[field] ?? DEFAULT_AUDIENCE[field]) !== "public") continue;
        const n = normUrl(link.url);
        if (n && !byUrl.has(n)) byUrl.set(n, r.id);
      }
    }
    const blocked = new Set<string>();
    const [blocks, blockedBy] = await Promise.all([
      db.selectFrom("blocks").select("target_id as id").where("owner_id", "=", ownerId).execute(),
      db.selectFrom("blocks").select("owner_id as id").where("target_id", "=", ownerId).execute(),
    ]);
    for (const r of [...blocks, ...blockedBy]) blocked.add(r.id);
    return { byUrl, blocked };
  };

  return {
    async find(people) {
      fixed ??= load();
      const { byUrl, blocked } = await fixed;
      const emails = new Set<string>();
      const localHandles = new Set<string>();
      const remote = new Set<string>();
      const urls = people.map((p) => p.urls.map(normUrl));
      for (const [i, p] of people.entries()) {
        for (const e of p.emails) emails.add(normEmail(e));
        for (const n of urls[i] ?? []) {
          const local = localRe.exec(n ?? "");
          if (local?.[1]) localHandles.add(local[1]);
        }
        if (p.fediverseHandle) {
          const [, user = "", host = ""] = normHandle(p.fediverseHandle).split("@");
          if (host === localHost) localHandles.add(user);
          else remote.add(`${user}@${host}`);
        }
      }
      const byEmail = new Map<string, string>();
      for (const batch of chunk([...emails], 500)) {
        const rows = await db
          .selectFrom("accounts")
          .select(["actor_id", "email"])
          .where("email", "in", batch)
          .where("discoverable", "=", 1)
          .execute();
        for (const r of rows) byEmail.set(r.email.toLowerCase(), r.actor_id);
      }
      const byHandle = new Map<string, string>();
      for (const batch of chunk([...localHandles], 500)) {
        const rows = await db
          .selectFrom("actors")
          .select(["id", "handle"])
          .where("handle", "in", batch)
          .where("domain", "is", null)
          .execute();
        for (const r of rows) byHandle.set(`${r.handle}@${localHost}`, r.id);
      }
      for (const batch of chunk([...remote], 300)) {
        const rows = await db
          .selectFrom("actors")
          .select(["id", "handle", "domain"])
          .where((eb) =>
            eb.or(
              batch.map((h) => {
                const [user = "", host = ""] = h.split("@");
                return eb.and([eb("handle", "=", user), eb("domain", "=", host)]);
              }),
            ),
          )
          .execute();
        for (const r of rows) byHandle.set(`${r.handle}@${(r.domain ?? "").toLowerCase()}`, r.id);
      }

      const out = new Map<number, MemberMatch>();
      people.forEach((p, i) => {
        const candidates: MemberMatch[] = [];
        for (const e of p.emails) {
          const id = byEmail.get(normEmail(e));
          if (id) candidates.push({ actorId: id, reason: "email" });
        }
        for (const n of urls[i] ?? []) {
          if (!n) continue;
          const local = localRe.exec(n);
          const id = (local?.[1] ? byHandle.get(`${local[1]}@${localHost}`) : undefined) ?? byUrl.get(n);
          if (id) candidates.push({ actorId: id, reason: "url" });
        }
        if (p.fediverseHandle) {
          const id = byHandle.get(normHandle(p.fediverseHandle).slice(1));
          if (id) candidates.push({ actorId: id, reason: "handle" });
        }
        const match = candidates.find((c) => c.actorId !== ownerId && !blocked.has(c.actorId));
        if (match) out.set(i, match);
      });
      return out;
    },
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The owner's contacts, indexed for matching: by email, by normalized link URL, by linked member. */
export interface ContactIndex {
  ids: Set<string>;
  byKey: Map<string, string>;
  byActor: Map<string, string>;
}

export async function indexContacts(db: Kysely<Database>, ownerId: string): Promise<ContactIndex> {
  const rows = await db
    .selectFrom("contacts")
    .select(["id", "email", "links", "linked_actor_id"])
    .where("owner_id", "=", ownerId)
    .execute();
  const index: ContactIndex = { ids: new Set(), byKey: new Map(), byActor: new Map() };
  for (const r of rows) {
    index.ids.add(r.id);
    if (r.email && !index.byKey.has(`e:${normEmail(r.email)}`))
      index.byKey.set(`e:${normEmail(r.email)}`, r.id);
    for (const link of JSON.parse(r.links) as { url: string }[]) {
      const n = normUrl(link.url);
      if (n && !index.byKey.has(`u:${n}`)) index.byKey.set(`u:${n}`, r.id);
    }
    if (r.linked_actor_id && !index.byActor.has(r.linked_actor_id))
      index.byActor.set(r.linked_actor_id, r.id);
  }
  return index;
}

/** A person of the import as the merge proposals see them. */
export interface KeyedPerson {
  id: string;
  position: number;
  keys: { reason: MergeReason; key: string }[];
}

/** Reads the identity keys of people proposed earlier (by staging position). */
export type EarlierKeys = (positions: number[]) => Promise<Map<number, { id: string; keys: Set<string> }>>;

/**
 * Proposes pairs of people of one import that look like one person, as the people come in import
 * order, a page at a time. Each person is paired at most once per key, with the first person that had
 * it; accepted pairs are joined transitively at commit. Keeps one entry per identity key: the hash of
 * the key and the first person's position (position-index.ts); a hit is checked against that person's
 * keys, read again from the staging.
 */
export class MergeProposer {
  private readonly index = new PositionIndex();

  /** The proposals of a page of people, in their order. */
  async page(
    people: KeyedPerson[],
    earlier: EarlierKeys,
  ): Promise<{ a: string; b: string; reason: MergeReason }[]> {
    const wanted = new Set<number>();
    for (const p of people)
      for (const { key } of p.keys) for (const at of this.index.candidates(key)) wanted.add(at);
    const known =
      wanted.size > 0 ? await earlier([...wanted]) : new Map<number, { id: string; keys: Set<string> }>();
    /** Keys first met in this page → the person who had them. */
    const local = new Map<string, string>();
    const out: { a: string; b: string; reason: MergeReason }[] = [];
    for (const p of people) {
      const seen = new Set<string>();
      for (const { reason, key } of p.keys) {
        let j = local.get(key);
        if (j === undefined) {
          for (const at of this.index.candidates(key)) {
            const other = known.get(at);
            if (other?.keys.has(key)) {
              j = other.id;
              break;
            }
          }
        }
        if (j === undefined) {
          local.set(key, p.id);
          this.index.add(key, p.position);
          continue;
        }
        if (j === p.id || seen.has(j)) continue;
        seen.add(j);
        out.push({ a: j, b: p.id, reason });
      }
    }
    return out;
  }
}

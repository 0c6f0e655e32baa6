/**
 * The export sections of the core areas: profile and account, network (connections, follows,
 * requests, blocks and mutes), contacts (CSV, JSON and one vCard 4.0 file), messages; the ledger and
 * the ties computed from it are in ledger-section.ts.
 */
import type { ImportedPerson } from "../../domain/imports/model.ts";
import { toVCard4 } from "../../domain/imports/vcard-write.ts";
import { ledgerSection } from "./ledger-section.ts";
import type { ExportSection } from "./sections.ts";

const parse = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const profile: ExportSection = {
  name: "profile",
  async write(zip, deps, accountId) {
    const actor = await deps.db
      .selectFrom("actors")
      .selectAll()
      .where("id", "=", accountId)
      .executeTakeFirst();
    const account = await deps.db
      .selectFrom("accounts")
      .select(["email", "role", "locale", "time_zone", "created_at", "locked", "discoverable"])
      .where("actor_id", "=", accountId)
      .executeTakeFirst();
    if (!actor || !account) return;
    zip.json("profile/profile.json", {
      handle: actor.handle,
      url: `${deps.config.publicUrl}/@${actor.handle}`,
      displayName: actor.display_name,
      bio: actor.bio,
      location: actor.location,
      headline: actor.headline,
      organisation: actor.organisation,
      role: actor.role,
      interests: parse(actor.interests, []),
      skills: parse(actor.skills, []),
      links: parse(actor.links, []),
      fieldVisibility: parse(actor.field_visibility, {}),
      createdAt: actor.created_at,
      account: {
        email: account.email,
        role: account.role,
        locale: account.locale,
        timeZone: account.time_zone,
        createdAt: account.created_at,
        locked: account.locked === 1,
        discoverable: account.discoverable === 1,
      },
    });
    if (actor.avatar_key) {
      const bytes = await deps.storage.get(actor.avatar_key);
      if (bytes) zip.add(`profile/avatar.${actor.avatar_key.split(".").pop() ?? "webp"}`, bytes);
    }
    const sessions = await deps.db
      .selectFrom("sessions")
      .select(["created_at", "last_seen_at", "user_agent", "ip"])
      .where("account_id", "=", accountId)
      .orderBy("created_at")
      .execute();
    zip.csv(
      "profile/sessions.csv",
      ["created_at", "last_seen_at", "user_agent", "ip"],
      sessions.map((s) => [s.created_at, s.last_seen_at, s.user_agent, s.ip]),
    );
  },
};

const network: ExportSection = {
  name: "network",
  async write(zip, deps, accountId) {
    const db = deps.db;
    const address = (handle: string, domain: string | null) =>
      domain ? `@${handle}@${domain}` : `@${handle}`;
    const connections = await db
      .selectFrom("connections as c")
      .innerJoin("actors as a", "a.id", "c.other_id")
      .select([
        "a.handle",
        "a.domain",
        "a.display_name",
        "c.created_at",
        "c.welcomed_at",
        "c.met_where",
        "c.met_on",
        "c.met_through",
      ])
      .where("c.owner_id", "=", accountId)
      .orderBy("c.created_at")
      .execute();
    const connectionRows = connections.map((c) => ({
      address: address(c.handle, c.domain),
      name: c.display_name,
      connectedAt: c.created_at,
      welcomedAt: c.welcomed_at,
      metWhere: c.met_where,
      metOn: c.met_on,
      metThrough: c.met_through,
    }));
    zip.json("network/connections.json", connectionRows);
    zip.csv(
      "network/connections.csv",
      ["address", "name", "connected_at", "welcomed_at", "met_where", "met_on", "met_through"],
      connectionRows.map((c) => [
        c.address,
        c.name,
        c.connectedAt,
        c.welcomedAt,
        c.metWhere,
        c.metOn,
        c.metThrough,
      ]),
    );
    for (const [file, mine, theirs] of [
      ["following", "follower_id", "followee_id"],
      ["followers", "followee_id", "follower_id"],
    ] as const) {
      const rows = await db
        .selectFrom("follows as f")
        .innerJoin("actors as a", "a.id", `f.${theirs}`)
        .select(["a.handle", "a.domain", "a.display_name", "f.status", "f.created_at"])
        .where(`f.${mine}`, "=", accountId)
        .orderBy("f.created_at")
        .execute();
      zip.csv(
        `network/${file}.csv`,
        ["address", "name", "status", "since"],
        rows.map((r) => [address(r.handle, r.domain), r.display_name, r.status, r.created_at]),
      );
    }
    const requests = await db
      .selectFrom("connection_requests as r")
      .innerJoin("actors as s", "s.id", "r.sender_id")
      .innerJoin("actors as t", "t.id", "r.recipient_id")
      .select([
        "s.handle as s_handle",
        "s.domain as s_domain",
        "t.handle as t_handle",
        "t.domain as t_domain",
        "r.note",
        "r.status",
        "r.created_at",
        "r.decided_at",
        "r.sender_id",
      ])
      .where((eb) => eb.or([eb("r.sender_id", "=", accountId), eb("r.recipient_id", "=", accountId)]))
      .orderBy("r.created_at")
      .execute();
    zip.csv(
      "network/connection-requests.csv",
      ["direction", "from", "to", "note", "status", "sent_at", "decided_at"],
      requests.map((r) => [
        r.sender_id === accountId ? "sent" : "received",
        address(r.s_handle, r.s_domain),
        address(r.t_handle, r.t_domain),
        // A request someone else sent is theirs; only its existence and status are the owner's.
        r.sender_id === accountId ? r.note : "",
        r.status,
        r.created_at,
        r.decided_at,
      ]),
    );
    for (const table of ["blocks", "mutes"] as const) {
      const rows = await db
        .selectFrom(`${table} as b`)
        .innerJoin("actors as a", "a.id", "b.target_id")
        .select(["a.handle", "a.domain", "b.created_at"])
        .where("b.owner_id", "=", accountId)
        .execute();
      zip.csv(
        `network/${table}.csv`,
        ["address", "since"],
        rows.map((r) => [address(r.handle, r.domain), r.created_at]),
      );
    }
  },
};

const contacts: ExportSection = {
  name: "contacts",
  async write(zip, deps, accountId) {
    const rows = await deps.db
      .selectFrom("contacts as c")
      .leftJoin("actors as a", "a.id", "c.linked_actor_id")
      .selectAll("c")
      .select(["a.handle as linked_handle", "a.domain as linked_domain"])
      .where("c.owner_id", "=", accountId)
      .orderBy("c.name")
      .orderBy("c.id")
      .execute();
    const list = rows.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      links: parse<{ label: string; url: string }[]>(c.links, []),
      tags: parse<string[]>(c.tags, []),
      side: c.side,
      metWhere: c.met_where,
      metOn: c.met_on,
      howMet: c.how_met,
      notes: c.notes,
      linkedMember: c.linked_handle
        ? c.linked_domain
          ? `@${c.linked_handle}@${c.linked_domain}`
          : `@${c.linked_handle}`
        : null,
      source: c.source,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    }));
    zip.json("contacts/contacts.json", list);
    zip.csv(
      "contacts/contacts.csv",
      [
        "id",
        "name",
        "email",
        "phone",
        "links",
        "tags",
        "side",
        "met_where",
        "met_on",
        "how_met",
        "notes",
        "linked_member",
        "source",
        "created_at",
      ],
      list.map((c) => [
        c.id,
        c.name,
        c.email,
        c.phone,
        c.links.map((l) => l.url).join(" "),
        c.tags.join(", "),
        c.side,
        c.metWhere,
        c.metOn,
        c.howMet,
        c.notes,
        c.linkedMember,
        c.source,
        c.createdAt,
      ]),
    );
    zip.add("contacts/contacts.vcf", toVCard4(list.map(contactToPerson)));
  },
};

/** A contact as a vCard person: its id is the UID, so re-importing the file finds the same contact. */
export function contactToPerson(c: {
  id: string;
  name: string;
  email: string;
  phone: string;
  links: { url: string }[];
  tags: string[];
  notes: string;
  howMet: string;
  metWhere: string;
  metOn: string | null;
}): ImportedPerson {
  const p: ImportedPerson = {
    sourceKey: c.id,
    source: "vcard",
    displayName: c.name,
    emails: c.email ? [c.email] : [],
    phones: c.phone ? [c.phone] : [],
    urls: c.links.map((l) => l.url),
    tags: c.tags,
  };
  if (c.notes) p.notes = c.notes;
  if (c.howMet) p.howWeMet = c.howMet;
  if (c.metWhere) p.metWhere = c.metWhere;
  if (c.metOn) p.metOn = c.metOn;
  return p;
}

const messages: ExportSection = {
  name: "messages",
  async write(zip, deps, accountId) {
    const db = deps.db;
    const conversations = await db
      .selectFrom("conversation_members as m")
      .innerJoin("conversations as c", "c.id", "m.conversation_id")
      .select(["c.id", "c.kind", "c.title", "c.created_at", "m.state"])
      .where("m.account_id", "=", accountId)
      .orderBy("c.created_at")
      .execute();
    const out = [];
    const csvRows: (string | null)[][] = [];
    for (const c of conversations) {
      const [members, list] = await Promise.all([
        db
          .selectFrom("conversation_members as m")
          .innerJoin("actors as a", "a.id", "m.account_id")
          .select(["a.handle", "a.display_name"])
          .where("m.conversation_id", "=", c.id)
          .execute(),
        db
          .selectFrom("messages as x")
          .innerJoin("actors as a", "a.id", "x.sender_id")
          .select(["x.id", "a.handle", "x.body", "x.created_at"])
          .where("x.conversation_id", "=", c.id)
          .orderBy("x.id")
          .execute(),
      ]);
      out.push({
        id: c.id,
        kind: c.kind,
        title: c.title,
        state: c.state,
        createdAt: c.created_at,
        members: members.map((m) => ({ handle: m.handle, name: m.display_name })),
        messages: list.map((m) => ({ from: m.handle, at: m.created_at, body: m.body })),
      });
      for (const m of list) csvRows.push([c.id, m.created_at, m.handle, m.body]);
    }
    zip.json("messages/conversations.json", out);
    zip.csv("messages/messages.csv", ["conversation", "sent_at", "from", "body"], csvRows);
  },
};

export const coreSections: ExportSection[] = [profile, network, contacts, messages, ledgerSection];

/**
 * Export sections of the posts and events areas: what the person wrote (posts and comments, with
 * their earlier versions), the reactions they gave, the events they organise or answered, as
 * CSV/JSON and as iCalendar files any calendar opens.
 */
import { calendar, type IcsEvent } from "../../domain/events/ical.ts";
import type { ExportSection } from "./sections.ts";

const posts: ExportSection = {
  name: "posts",
  async write(zip, deps, accountId) {
    const rows = await deps.db
      .selectFrom("posts")
      .select(["id", "body", "visibility", "root_id", "parent_id", "event_id", "created_at", "edited_at"])
      .where("author_id", "=", accountId)
      // A deleted comment kept for the replies under it belongs to the thread's author in name only.
      .where("deleted_at", "is", null)
      .orderBy("created_at")
      .execute();
    const url = (id: string) => `${deps.config.publicUrl}/posts/${id}`;
    const list = rows.map((p) => ({
      id: p.id,
      url: url(p.id),
      kind: p.parent_id ? "comment" : "post",
      inReplyTo: p.parent_id ? url(p.parent_id) : null,
      eventId: p.event_id,
      visibility: p.visibility,
      createdAt: p.created_at,
      editedAt: p.edited_at,
      body: p.body,
    }));
    zip.json("posts/posts.json", list);
    zip.csv(
      "posts/posts.csv",
      ["id", "kind", "in_reply_to", "visibility", "created_at", "edited_at", "body"],
      list.map((p) => [p.id, p.kind, p.inReplyTo, p.visibility, p.createdAt, p.editedAt, p.body]),
    );
    const edits = await deps.db
      .selectFrom("post_edits as e")
      .innerJoin("posts as p", "p.id", "e.post_id")
      .select(["e.post_id", "e.body", "e.written_at", "e.replaced_at"])
      .where("p.author_id", "=", accountId)
      .orderBy("e.written_at")
      .execute();
    zip.csv(
      "posts/earlier-versions.csv",
      ["post", "written_at", "replaced_at", "body"],
      edits.map((e) => [e.post_id, e.written_at, e.replaced_at, e.body]),
    );
    const reactions = await deps.db
      .selectFrom("reactions")
      .select(["post_id", "emoji", "created_at"])
      .where("actor_id", "=", accountId)
      .orderBy("created_at")
      .execute();
    zip.csv(
      "posts/reactions.csv",
      ["post", "emoji", "at"],
      reactions.map((r) => [url(r.post_id), r.emoji, r.created_at]),
    );
  },
};

const events: ExportSection = {
  name: "events",
  async write(zip, deps, accountId) {
    const db = deps.db;
    const base = db
      .selectFrom("events as e")
      .innerJoin("actors as o", "o.id", "e.organiser_id")
      .selectAll("e")
      .select("o.display_name as organiser_name");
    const organised = await base.where("e.organiser_id", "=", accountId).orderBy("e.starts_at").execute();
    const answered = await base
      .innerJoin("event_rsvps as r", "r.event_id", "e.id")
      .select(["r.status as rsvp", "r.created_at as answered_at"])
      .where("r.actor_id", "=", accountId)
      .orderBy("e.starts_at")
      .execute();
    const host = new URL(deps.config.publicUrl).host;
    const ics = (row: (typeof organised)[number]): IcsEvent => ({
      uid: `${row.id}@${host}`,
      sequence: row.sequence,
      title: row.title,
      description: row.description,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      timeZone: row.time_zone,
      location: [row.place, row.online_url].filter(Boolean).join(" — "),
      geo:
        row.latitude !== null && row.longitude !== null
          ? { latitude: row.latitude, longitude: row.longitude }
          : null,
      url: `${deps.config.publicUrl}/events/${row.id}`,
      cancelled: row.status === "cancelled",
      organiserName: row.organiser_name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    const now = deps.clock.now().toISOString();
    zip.add("events/organised.ics", calendar({ name: "Liens — organised", events: organised.map(ics), now }));
    zip.add(
      "events/answered.ics",
      calendar({
        name: "Liens — answered",
        events: answered.filter((e) => e.rsvp !== "declined").map(ics),
        now,
      }),
    );
    zip.csv(
      "events/events.csv",
      ["id", "role", "answer", "title", "starts_at", "ends_at", "time_zone", "place", "status"],
      [
        ...organised.map((e) => [
          e.id,
          "organiser",
          "",
          e.title,
          e.starts_at,
          e.ends_at,
          e.time_zone,
          e.place,
          e.status,
        ]),
        ...answered.map((e) => [
          e.id,
          "guest",
          e.rsvp,
          e.title,
          e.starts_at,
          e.ends_at,
          e.time_zone,
          e.place,
          e.status,
        ]),
      ],
    );
    const checkins = await db
      .selectFrom("event_checkins as c")
      .innerJoin("events as e", "e.id", "c.event_id")
      .select(["e.id", "e.title", "c.checked_in_at", "c.method"])
      .where("c.actor_id", "=", accountId)
      .orderBy("c.checked_in_at")
      .execute();
    zip.csv(
      "events/checkins.csv",
      ["event", "title", "checked_in_at", "method"],
      checkins.map((c) => [c.id, c.title, c.checked_in_at, c.method]),
    );
  },
};

export const areaSections: ExportSection[] = [posts, events];

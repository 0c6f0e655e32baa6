import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NotFound } from "../../src/domain/errors.ts";
import { canSeeEvent, type EventVisibility } from "../../src/domain/events/visibility.ts";
import { loadEvent } from "../../src/services/events/access.ts";
import { resetCalendarFeed } from "../../src/services/events/calendar.ts";
import { invitePeople } from "../../src/services/events/invite.ts";
import { answerEvent } from "../../src/services/events/rsvp.ts";
import { visibleEventIds } from "../../src/services/events/visible.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, follows, type Member, makeEvent, member } from "./events.fixtures.ts";

/**
 * Issue 5: a private event is invisible to everyone else on every surface — page, lists, profile,
 * notifications, calendar feeds, attendee list, answers, check-in — for each kind of person.
 */
type Role = "anonymous" | "stranger" | "follower" | "connection" | "invited" | "attendee" | "organiser";
const ROLES: Role[] = ["anonymous", "stranger", "follower", "connection", "invited", "attendee", "organiser"];

describe("the private-event rule on every surface", () => {
  let ctx: TestContext;
  const people = {} as Record<Exclude<Role, "anonymous">, Member>;
  const clients = {} as Record<Role, TestClient>;
  const feeds = {} as Record<Role, string | null>;
  let privateId = "";
  const TITLE = "Secret supper club";

  before(async () => {
    ctx = await createTestContext();
    for (const role of ROLES) if (role !== "anonymous") people[role] = await member(ctx, role);
    const { organiser } = people;
    await follows(ctx, people.follower, organiser);
    await connect(ctx, people.connection, organiser);
    await follows(ctx, people.invited, organiser);
    await connect(ctx, people.attendee, organiser);
    privateId = await makeEvent(ctx, organiser, { title: TITLE, visibility: "private", capacity: "10" });
    await invitePeople(ctx.deps, organiser.viewer, privateId, [
      people.invited.viewer.accountId,
      people.attendee.viewer.accountId,
    ]);
    await answerEvent(ctx.deps, people.attendee.viewer, privateId, { answer: "going" });
    clients.anonymous = new TestClient(ctx.app);
    feeds.anonymous = null;
    for (const role of ROLES) {
      if (role === "anonymous") continue;
      clients[role] = await signedInClient(ctx, people[role].account);
      feeds[role] = new URL((await resetCalendarFeed(ctx.deps, people[role].viewer)).url).pathname;
    }
  });
  after(() => ctx.close());

  const sees: Record<Role, boolean> = {
    anonymous: false,
    stranger: false,
    follower: false,
    connection: false,
    invited: true,
    attendee: true,
    organiser: true,
  };

  const status = async (role: Role, path: string) => (await clients[role].get(path)).status;
  const body = async (role: Role, path: string) => (await clients[role].get(path)).text();

  for (const role of ROLES) {
    it(`${role}: ${sees[role] ? "sees" : "gets 'not found' for"} the event on every surface`, async () => {
      const page = await clients[role].get(`/events/${privateId}`);
      assert.equal(page.status, sees[role] ? 200 : 404, "event page");
      const html = await page.text();
      assert.equal(html.includes(TITLE), sees[role], "title on the page");
      assert.equal(await status(role, `/events/${privateId}/event.ics`), sees[role] ? 200 : 404, ".ics");
      assert.equal(await status(role, `/events/${privateId}/attendees`), sees[role] ? 200 : 404, "attendees");
      assert.equal(await status(role, `/events/${privateId}/cover`), 404, "cover (none, and never leaking)");
      // Lists: my events, my network's (the invited person follows the organiser), the instance's.
      const list = await body(role, "/events?city=lyon");
      assert.equal(list.includes(TITLE), sees[role], "/events");
      const listed = role === "attendee" || role === "organiser";
      // Profile and the public feed: a private event never appears there, even to its organiser's guests.
      const profile = await body(role, "/@organiser");
      assert.equal(profile.includes(TITLE), sees[role], "profile section");
      assert.equal((await body(role, "/@organiser/events.ics")).includes("Secret"), false, "public feed");
      // The private feed of "events I'm going to".
      const feed = feeds[role];
      if (feed) assert.equal((await body(role, feed)).includes("Secret"), listed, "private feed");
      // Notifications about it reach only the invited.
      if (role !== "anonymous") {
        const notes = await body(role, "/notifications");
        assert.equal(
          notes.includes(`/events/${privateId}`),
          role === "invited" || role === "attendee",
          "notifications",
        );
      }
      // Answering and checking in: not found (or sign in) for anyone who may not see it.
      const answer = await clients[role].post(`/events/${privateId}/rsvp`, { answer: "maybe" });
      if (role === "anonymous") assert.match(answer.headers.get("location") ?? "", /^\/signin/);
      else if (role === "organiser") assert.equal(answer.status, 422);
      else assert.equal(answer.status, sees[role] ? 303 : 404, "answer");
      if (role !== "anonymous")
        assert.equal(
          await status(role, `/events/${privateId}/checkin`),
          sees[role] ? 200 : 404,
          "check-in page",
        );
      // JSON clients get the same answer.
      const json = await clients[role].get(`/events/${privateId}`, {
        headers: { accept: "application/json" },
      });
      assert.equal(json.status, sees[role] ? 200 : 404);
    });
  }

  it("organiser tools answer 'not found' to everyone else, even invited people and attendees", async () => {
    for (const role of ["stranger", "connection", "invited", "attendee"] as const) {
      for (const path of ["edit", "invite", "checkin-code"]) {
        assert.equal(await status(role, `/events/${privateId}/${path}`), 404, `${role} ${path}`);
      }
      const cancel = await clients[role].post(`/events/${privateId}/cancel`, {});
      assert.equal(cancel.status, 404);
    }
    assert.equal(await status("organiser", `/events/${privateId}/invite`), 200);
  });

  it("the SQL twin agrees with the pure rule for every role and every visibility", async () => {
    const ids: Record<EventVisibility, string> = {
      public: await makeEvent(ctx, people.organiser, { visibility: "public" }),
      connections: await makeEvent(ctx, people.organiser, { visibility: "connections" }),
      private: privateId,
    };
    await invitePeople(ctx.deps, people.organiser.viewer, ids.connections, [people.invited.viewer.accountId]);
    for (const [visibility, id] of Object.entries(ids) as [EventVisibility, string][]) {
      for (const role of ROLES) {
        const viewer = role === "anonymous" ? null : people[role].viewer;
        const inSql = (await visibleEventIds(ctx.deps.db, viewer?.accountId ?? null, [id])).has(id);
        let inCode: boolean;
        try {
          const { access } = await loadEvent(ctx.deps.db, viewer, id);
          inCode = canSeeEvent(visibility, access);
        } catch (error) {
          assert.ok(error instanceof NotFound);
          inCode = false;
        }
        assert.equal(inSql, inCode, `${visibility} event, ${role}`);
        const expected =
          visibility === "public"
            ? true
            : visibility === "connections"
              ? ["connection", "invited", "attendee", "organiser"].includes(role)
              : sees[role];
        assert.equal(inSql, expected, `${visibility} event, ${role} (expected)`);
      }
    }
  });

  it("taking an invitation back hides the event again, with its notifications", async () => {
    const { organiser, invited } = people;
    const revoke = await clients.organiser.post(
      `/events/${privateId}/invitations/${invited.viewer.accountId}/revoke`,
      {},
    );
    assert.equal(revoke.status, 303);
    assert.equal(await status("invited", `/events/${privateId}`), 404);
    assert.equal((await body("invited", "/notifications")).includes(`/events/${privateId}`), false);
    await invitePeople(ctx.deps, organiser.viewer, privateId, [invited.viewer.accountId]);
    assert.equal(await status("invited", `/events/${privateId}`), 200);
  });

  it("a blocked person loses sight of the event even when invited", async () => {
    const blocker = await clients.organiser.post("/@attendee/block", {});
    assert.equal(blocker.status, 303);
    assert.equal(await status("attendee", `/events/${privateId}`), 404);
    assert.equal((await body("attendee", feeds.attendee ?? "")).includes("Secret"), false);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { unfollow } from "../../src/services/follows/follow.ts";
import { notify } from "../../src/services/notifications/notify.ts";
import { react } from "../../src/services/posts/react.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { follow, type Person, person, post } from "../services/posts.fixtures.ts";

/** The notifications page: what a page marks as read, "Mark all as read", and what each line is about. */
describe("notifications page", () => {
  let ctx: TestContext;
  let bob: Person;
  let carol: Person;

  before(async () => {
    ctx = await createTestContext();
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
  });
  after(() => ctx.close());

  /** `count` distinct unread notifications for `to`, oldest first. */
  const addNotifications = async (to: Person, count: number) => {
    for (let i = 0; i < count; i++)
      await notify(ctx.deps, {
        recipientId: to.accountId,
        kind: "follow",
        actorId: (i % 2 ? bob : carol).accountId,
        subjectId: ctx.deps.newId(),
      });
  };
  const unreadInDb = async (of: Person) =>
    Number(
      (
        await ctx.deps.db
          .selectFrom("notifications")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("recipient_id", "=", of.accountId)
          .where("read_at", "is", null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newMarkers = (html: string) => html.match(/class="badge-new"/g)?.length ?? 0;
  const badge = (html: string) =>
    /href="\/notifications"[^>]*>[^<]*<span class="badge"><span aria-hidden="true">([^<]+)</.exec(
      html,
    )?.[1] ?? null;
  const olderLink = (html: string) =>
    /href="(\/notifications\?before=[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&") ?? null;

  it("marks as read only the notifications a page shows; older pages keep their New marker", async () => {
    const dan = await person(ctx.deps, "dan", "Dan Roux");
    await addNotifications(dan, 66);
    const client = await signedInClient(ctx, dan);

    const first = await (await client.get("/notifications")).text();
    assert.equal(newMarkers(first), 30, "the 30 shown are new on this page");
    assert.equal(badge(first), "36", "the badge counts what is left");
    assert.equal(await unreadInDb(dan), 36);
    assert.match(first, /Mark all as read/, "something is still unread");

    const secondPath = olderLink(first);
    assert.ok(secondPath);
    const second = await (await client.get(secondPath)).text();
    assert.equal(newMarkers(second), 30, "page 2 was never seen: still new");
    assert.equal(badge(second), "6");

    const thirdPath = olderLink(second);
    assert.ok(thirdPath);
    const third = await (await client.get(thirdPath)).text();
    assert.equal(newMarkers(third), 6);
    assert.equal(badge(third), null, "nothing left unread");
    assert.equal(olderLink(third), null);
    assert.doesNotMatch(third, /Mark all as read/, "nothing left to mark");
    assert.equal(await unreadInDb(dan), 0);

    assert.equal(newMarkers(await (await client.get("/notifications")).text()), 0, "seen once, read");
  });

  it("marks everything as read with a button (a form with the CSRF token), back with a notice", async () => {
    const erin = await person(ctx.deps, "erin", "Erin Blanc");
    await addNotifications(erin, 45);
    const client = await signedInClient(ctx, erin);
    const page = await (await client.get("/notifications")).text();
    const form = /<form method="post" action="\/notifications\/read">(.*?)<\/form>/s.exec(page)?.[1] ?? "";
    assert.match(form, /<input type="hidden" name="_csrf" value="[^"]+"/, "the form carries the token");
    assert.match(form, /<button type="submit"[^>]*>Mark all as read<\/button>/);
    assert.equal(await unreadInDb(erin), 15);

    // Without the token, nothing happens.
    const forged = await client.request("/notifications/read", {
      method: "POST",
      body: new URLSearchParams({}),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(forged.status, 403);
    assert.equal(await unreadInDb(erin), 15);
    // Nor for a visitor.
    const visitor = await new TestClient(ctx.app).post("/notifications/read", {});
    assert.equal(visitor.status, 303);
    assert.match(visitor.headers.get("location") ?? "", /^\/signin/);
    assert.equal(await unreadInDb(erin), 15);

    const done = await client.post("/notifications/read", {});
    assert.equal(done.status, 303);
    assert.equal(done.headers.get("location"), "/notifications?notice=read");
    assert.equal(await unreadInDb(erin), 0);
    const back = await (await client.get("/notifications?notice=read")).text();
    // The notice takes the focus, so that a screen reader says it (a live region at load is not read out).
    assert.match(
      back,
      /role="status" tabindex="-1" autofocus="">All your notifications are marked as read\./,
    );
    assert.equal(badge(back), null);
    assert.doesNotMatch(back, /Mark all as read/);
    const older = olderLink(back);
    assert.ok(older);
    assert.equal(newMarkers(await (await client.get(older)).text()), 0, "older pages are read too");
  });

  it("says it in French too", async () => {
    const fanny = await person(ctx.deps, "fanny", "Fanny Gris");
    await addNotifications(fanny, 31);
    const client = await signedInClient(ctx, fanny, { "accept-language": "fr" });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: null })
      .where("actor_id", "=", fanny.accountId)
      .execute();
    assert.match(await (await client.get("/notifications")).text(), />Tout marquer comme lu</);
    await client.post("/notifications/read", {});
    assert.match(
      await (await client.get("/notifications?notice=read")).text(),
      /Toutes vos notifications sont marquées comme lues\./,
    );
  });

  it("shows the start of the post each line is about, as text, only while its reader may see it", async () => {
    const gus = await person(ctx.deps, "gus", "Gus Vert");
    const hugo = await person(ctx.deps, "hugo", "Hugo Bleu");
    const long = await post(ctx.deps, gus, {
      body: "Tomorrow we meet at the old <b>bakery</b> on Rue des Lilas,\n\nto plan the spring garden party with everyone from the street",
      visibility: "public",
    });
    const short = await post(ctx.deps, gus, { body: "Rain again today", visibility: "public" });
    await react(ctx.deps, hugo.viewer, long, "like");
    await react(ctx.deps, hugo.viewer, short, "like");
    await post(ctx.deps, hugo, { body: "Count me in!", visibility: "public", parentId: long });

    const html = await (await (await signedInClient(ctx, gus)).get("/notifications")).text();
    assert.match(
      html,
      /Hugo Bleu reacted to your post\.<\/a> <q class="excerpt">Tomorrow we meet at the old &lt;b&gt;bakery&lt;\/b&gt; on Rue des Lilas, to plan the spring…<\/q>/,
      "cut at a word, on one line, escaped",
    );
    assert.doesNotMatch(html, /<b>bakery/, "never HTML");
    assert.match(html, /Hugo Bleu reacted to your post\.<\/a> <q class="excerpt">Rain again today<\/q>/);
    assert.match(
      html,
      /Hugo Bleu commented on your post\.<\/a> <q class="excerpt">Count me in!<\/q>/,
      "the comment",
    );

    // A follower is mentioned in a followers-only post, then stops following: no word of it is shown.
    await follow(ctx.deps, hugo, gus);
    await post(ctx.deps, gus, { body: "Secret plans for @hugo only", visibility: "followers" });
    const hugoClient = await signedInClient(ctx, hugo);
    assert.match(await (await hugoClient.get("/notifications")).text(), /<q class="excerpt">Secret plans/);
    await unfollow(ctx.deps, hugo.viewer, gus.accountId);
    assert.doesNotMatch(await (await hugoClient.get("/notifications")).text(), /Secret plans/);
  });

  it("reads the notices the list will never show, so the badge does not count them for ever", async () => {
    const iris = await person(ctx.deps, "iris", "Iris Gris");
    const jules = await person(ctx.deps, "jules", "Jules Brun");
    await follow(ctx.deps, jules, iris);
    await post(ctx.deps, iris, { body: "For my followers, @jules", visibility: "followers" });
    const client = await signedInClient(ctx, jules);
    await unfollow(ctx.deps, jules.viewer, iris.accountId);
    assert.equal(await unreadInDb(jules), 1);
    const page = await (await client.get("/notifications")).text();
    assert.doesNotMatch(page, /For my followers/);
    assert.equal(badge(page), null, "no badge for a notice that cannot be shown");
    assert.equal(await unreadInDb(jules), 0);
  });
});

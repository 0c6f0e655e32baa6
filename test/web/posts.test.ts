import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, follow, type Person, person } from "../services/posts.fixtures.ts";
import { composerForm, jpegWithExif, png } from "./posts.fixtures.ts";

function mediaFiles(ctx: TestContext): string[] {
  const dir = join(ctx.dataDir, "media", "posts");
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** The new comment's id, from the redirect to its place in the thread. */
function replyIdFrom(location: string | null): string {
  const match = /#post-([0-9a-f-]{36})/.exec(location ?? "");
  assert.ok(match?.[1], `a comment anchor: ${location}`);
  return match[1];
}

function postIdFrom(location: string | null): string {
  const match = /\/posts\/([0-9a-f-]{36})/.exec(location ?? "");
  assert.ok(match?.[1], `a post URL: ${location}`);
  return match[1];
}

describe("posts over HTTP: compose, comment, close, react, boost, bookmark, poll, edit, delete", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let a: TestClient;
  let b: TestClient;
  let c: TestClient;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    await connect(ctx.deps, alice, bob);
    await follow(ctx.deps, carol, alice);
    a = await signedInClient(ctx, alice);
    b = await signedInClient(ctx, bob);
    c = await signedInClient(ctx, carol);
  });
  after(() => ctx.close());

  it("publishes a post with an image: alt text and credit shown, metadata stripped, user text escaped", async () => {
    const response = await a.postMultipart(
      "/posts",
      composerForm(
        {
          body: 'Hello @bob and #Lyon! <script>alert("x")</script> https://example.org/a?b=1&c=2',
          visibility: "connections",
          alt1: "A red square on a table",
          credit1: "Alice <Martin>",
        },
        { image1: await jpegWithExif() },
      ),
    );
    assert.equal(response.status, 303);
    const id = postIdFrom(response.headers.get("location"));
    const html = await (await b.get(`/@alice/posts/${id}`)).text();
    assert.ok(!html.includes("<script>alert"), "no raw HTML from the text");
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<a href="\/@bob" class="mention">@bob<\/a>/);
    assert.match(html, /<a href="\/tags\/lyon" class="hashtag" rel="tag">#Lyon<\/a>/);
    assert.match(html, /<a href="https:\/\/example.org\/a\?b=1&amp;c=2" rel="nofollow ugc noopener">/);
    assert.match(html, /alt="A red square on a table"/);
    assert.match(html, /Photo: Alice &lt;Martin&gt;/);
    assert.match(html, /Connections only/);
    const mediaId = /\/media\/posts\/([0-9a-f-]{36})\/thumb/.exec(html)?.[1];
    assert.ok(mediaId);
    const file = await b.get(`/media/posts/${mediaId}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/webp");
    assert.equal(file.headers.get("cache-control"), "private, no-store");
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.equal(bytes.toString("ascii", 8, 12), "WEBP");
    assert.ok(!bytes.includes("SECRET-EXIF-MARK"), "EXIF removed");
    const { default: sharp } = await import("sharp");
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(meta.width, 800);
  });

  it("asks for the alt text and keeps what was typed; a refused upload leaves no post, and no file but the images kept", async () => {
    const before = mediaFiles(ctx).length;
    const count = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom("posts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const posts = await count();
    const noAlt = await a.postMultipart(
      "/posts",
      composerForm(
        { body: "Typed text kept", visibility: "public", alt1: "  ", credit1: "Me" },
        { image1: await png() },
      ),
    );
    assert.equal(noAlt.status, 422);
    const page = await noAlt.text();
    assert.match(page, /Describe the image: people using a screen reader need it/);
    assert.match(page, /Typed text kept/);
    assert.match(page, /value="Me"/);
    const notImage = await a.postMultipart(
      "/posts",
      composerForm(
        { body: "Fake image", visibility: "public", alt1: "x" },
        { image1: new TextEncoder().encode("<svg onload=alert(1)>") },
      ),
    );
    assert.equal(notImage.status, 422);
    assert.match(await notImage.text(), /Use a PNG, JPEG or WebP image/);
    // A PNG signature on garbage: passes the sniffing, fails the decode.
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
    const unreadable = await a.postMultipart(
      "/posts",
      composerForm(
        { body: "Broken", visibility: "public", alt1: "ok", alt2: "ok" },
        { image1: await png(), image2: broken },
      ),
    );
    assert.equal(unreadable.status, 422);
    assert.match(await unreadable.text(), /This image could not be read/);
    const tooLong = await a.post("/posts", { body: "x".repeat(5001), visibility: "public" });
    assert.equal(tooLong.status, 422);
    assert.match(await tooLong.text(), /A post has at most 5,000 characters/);
    const badVisibility = await a.post("/posts", { body: "Hi", visibility: "everyone" });
    assert.equal(badVisibility.status, 422);
    assert.equal(await count(), posts, "no post written");
    // The images that passed their own checks are kept for the next try (2 files each), nothing else.
    const kept = await ctx.deps.db.selectFrom("pending_media").selectAll().execute();
    assert.equal(kept.length, 2, "the image without alt text, and the readable one beside the broken one");
    const keys = new Set(
      kept.flatMap((k) => [k.storage_key, k.thumb_key]).map((k) => k.slice("posts/".length)),
    );
    const others = mediaFiles(ctx).filter((f) => !keys.has(f));
    assert.equal(others.length, before, "no other file left behind");
  });

  it("threads comments, narrows their audience, notifies, and refuses comments once closed", async () => {
    const created = await a.post("/posts", {
      body: "Connections only, comments welcome",
      visibility: "connections",
    });
    const id = postIdFrom(created.headers.get("location"));
    assert.equal((await c.get(`/@alice/posts/${id}`)).status, 404, "a follower does not see it");

    const reply = await b.post(`/posts/${id}/reply`, { body: "Nice one, @alice", visibility: "public" });
    assert.equal(reply.status, 303);
    const replyId = /#post-([0-9a-f-]{36})/.exec(reply.headers.get("location") ?? "")?.[1] ?? "";
    const stored = await ctx.deps.db
      .selectFrom("posts")
      .selectAll()
      .where("id", "=", replyId)
      .executeTakeFirstOrThrow();
    assert.equal(stored.visibility, "connections", "narrowed to the parent's");
    assert.equal(stored.root_id, id);

    const answer = await a.post(`/posts/${replyId}/reply`, {
      body: "Thanks @bob!",
      visibility: "connections",
    });
    assert.equal(answer.status, 303);
    const page = await (await a.get(`/@alice/posts/${id}`)).text();
    assert.match(page, /Nice one/);
    assert.match(page, /Thanks/);
    assert.match(page, /<ol class="plain thread">.*<ol class="plain thread">/s, "a nested tree");

    const bobNotes = await (await b.get("/notifications")).text();
    assert.match(bobNotes, /Alice Martin commented on your post|Alice Martin mentioned you/);
    const aliceNotes = await (await a.get("/notifications")).text();
    assert.match(aliceNotes, /Bob Durand commented on your post/);

    const close = await a.post(`/posts/${id}/close`, {});
    assert.equal(close.status, 303);
    const closedPage = await (await b.get(`/@alice/posts/${id}`)).text();
    assert.match(closedPage, /Comments are closed\./);
    assert.ok(!closedPage.includes(`action="/posts/${id}/reply"`), "the form is gone");
    assert.match(closedPage, /Nice one/, "existing comments stay");
    for (const target of [id, replyId]) {
      const replayed = await b.post(`/posts/${target}/reply`, {
        body: "Sneaking in",
        visibility: "connections",
      });
      assert.equal(replayed.status, 409);
      assert.match(await replayed.text(), /Comments are closed on this post: your comment was not published/);
    }
    const sneaked = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("body", "=", "Sneaking in")
      .execute();
    assert.equal(sneaked.length, 0);
    assert.equal((await b.post(`/posts/${id}/reopen`, {})).status, 403, "only the author reopens");
    await a.post(`/posts/${id}/reopen`, {});
    assert.equal(
      (await b.post(`/posts/${id}/reply`, { body: "Back again", visibility: "connections" })).status,
      303,
    );
  });

  it("reacts (one reaction each, toggled), boosts public posts only, bookmarks", async () => {
    const pub = postIdFrom(
      (await a.post("/posts", { body: "Public news", visibility: "public" })).headers.get("location"),
    );
    const priv = postIdFrom(
      (await a.post("/posts", { body: "Close friends", visibility: "connections" })).headers.get("location"),
    );
    await b.post(`/posts/${pub}/react`, { reaction: "like", next: `/@alice/posts/${pub}` });
    await c.post(`/posts/${pub}/react`, { reaction: "celebrate" });
    await b.post(`/posts/${pub}/react`, { reaction: "love" });
    let row = await ctx.deps.db
      .selectFrom("posts")
      .selectAll()
      .where("id", "=", pub)
      .executeTakeFirstOrThrow();
    assert.equal(row.reaction_count, 2);
    const htmx = await b.post(
      `/posts/${pub}/react`,
      { reaction: "love" },
      { headers: { "HX-Request": "true" } },
    );
    assert.equal(htmx.status, 200);
    const fragment = await htmx.text();
    assert.match(fragment, /^<article/);
    assert.ok(!fragment.includes("<html"), "only the card");
    row = await ctx.deps.db.selectFrom("posts").selectAll().where("id", "=", pub).executeTakeFirstOrThrow();
    assert.equal(row.reaction_count, 1, "the same reaction again takes it back");
    assert.equal((await b.post(`/posts/${pub}/react`, { reaction: "<img>" })).status, 422);

    assert.equal((await b.post(`/posts/${pub}/boost`, {})).status, 303);
    assert.equal((await b.post(`/posts/${pub}/boost`, {})).status, 303, "idempotent");
    row = await ctx.deps.db.selectFrom("posts").selectAll().where("id", "=", pub).executeTakeFirstOrThrow();
    assert.equal(row.boost_count, 1);
    const refused = await b.post(`/posts/${priv}/boost`, {});
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /Only public posts can be boosted/);
    assert.equal(
      (await c.post(`/posts/${priv}/react`, { reaction: "like" })).status,
      404,
      "cannot react unseen",
    );

    await b.post(`/posts/${priv}/bookmark`, {});
    await b.post(`/posts/${pub}/bookmark`, {});
    const bookmarks = await (await b.get("/bookmarks")).text();
    assert.match(bookmarks, /Close friends/);
    assert.match(bookmarks, /Public news/);
    assert.equal((await c.post(`/posts/${priv}/bookmark`, {})).status, 404);
    await b.post(`/posts/${priv}/unbookmark`, {});
    assert.ok(!(await (await b.get("/bookmarks")).text()).includes("Close friends"));

    const notes = await (await a.get("/notifications")).text();
    assert.match(notes, /Bob Durand reacted to your post/);
    assert.match(notes, /Bob Durand boosted your post/);
  });

  it("runs a poll: one vote each, results after voting, not before", async () => {
    const created = await a.post("/posts", {
      body: "Where do we meet?",
      visibility: "public",
      pollOption1: "Café",
      pollOption2: "Park",
      pollDuration: "86400",
    });
    const id = postIdFrom(created.headers.get("location"));
    const options = await ctx.deps.db
      .selectFrom("poll_options")
      .selectAll()
      .where("post_id", "=", id)
      .orderBy("position")
      .execute();
    assert.equal(options.length, 2);
    const before = await (await c.get(`/@alice/posts/${id}`)).text();
    assert.match(before, /results after you vote or when it closes/);
    assert.ok(!before.includes("Poll results"));
    await b.post(`/posts/${id}/vote`, { option: options[0]?.id ?? "" });
    await c.post(`/posts/${id}/vote`, { option: options[0]?.id ?? "" });
    const again = await c.post(`/posts/${id}/vote`, { option: options[1]?.id ?? "" });
    assert.equal(again.status, 409);
    const after = await (await c.get(`/@alice/posts/${id}`)).text();
    assert.match(after, /Poll results/);
    assert.match(after, /2 votes \(100 %\)/);
    assert.match(after, /2 people voted/);
    // Several choices each: the shares are of the people who voted, and one is one.
    const multi = postIdFrom(
      (
        await a.post("/posts", {
          body: "Which days suit you?",
          visibility: "public",
          pollOption1: "Monday",
          pollOption2: "Tuesday",
          pollOption3: "Friday",
          pollMultiple: "1",
          pollDuration: "86400",
        })
      ).headers.get("location"),
    );
    const days = await ctx.deps.db
      .selectFrom("poll_options")
      .select("id")
      .where("post_id", "=", multi)
      .orderBy("position")
      .execute();
    const ballot = new FormData();
    for (const day of days) ballot.append("option", day.id);
    assert.equal((await b.postMultipart(`/posts/${multi}/vote`, ballot)).status, 303);
    const shares = await (await b.get(`/@alice/posts/${multi}`)).text();
    assert.equal(shares.match(/1 vote \(100 %\)/g)?.length, 3);
    assert.match(shares, /1 person voted/);
    const bad = await a.post("/posts", { body: "Poll?", visibility: "public", pollOption1: "Only one" });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /A poll needs 2 to 4 choices/);
  });

  it("edits with a visible mark and a history; only the author may", async () => {
    const id = postIdFrom(
      (await a.post("/posts", { body: "First words", visibility: "public" })).headers.get("location"),
    );
    assert.equal((await b.post(`/posts/${id}/edit`, { body: "Hijacked" })).status, 403);
    ctx.clock.advance(60_000);
    assert.equal((await a.post(`/posts/${id}/edit`, { body: "Second words, now for @carol" })).status, 303);
    const page = await (await c.get(`/@alice/posts/${id}`)).text();
    assert.match(page, /Second words/);
    assert.match(page, /class="muted post-edited">Edited</);
    const history = await (await c.get(`/@alice/posts/${id}/history`)).text();
    assert.match(history, /First words/);
    assert.match(history, /Second words/);
    assert.match(await (await c.get("/notifications")).text(), /Alice Martin mentioned you/);
  });

  it("deletes a post everywhere: page, comments, profile, bookmarks, notifications and image files", async () => {
    const created = await a.postMultipart(
      "/posts",
      composerForm(
        { body: "Short-lived @bob", visibility: "public", alt1: "Blue", alt2: "Blue again" },
        { image1: await png(), image2: await png() },
      ),
    );
    const id = postIdFrom(created.headers.get("location"));
    await b.post(`/posts/${id}/reply`, { body: "Comment on short-lived", visibility: "public" });
    await b.post(`/posts/${id}/bookmark`, {});
    await b.post(`/posts/${id}/react`, { reaction: "like" });
    const media = await ctx.deps.db.selectFrom("post_media").selectAll().where("post_id", "=", id).execute();
    assert.equal(media.length, 2);
    const files = mediaFiles(ctx);
    for (const m of media) assert.ok(files.includes(m.storage_key.slice("posts/".length)));

    assert.equal((await b.post(`/posts/${id}/delete`, {})).status, 403, "not Bob's");
    assert.equal((await a.post(`/posts/${id}/delete`, {})).status, 303);
    assert.equal((await a.get(`/@alice/posts/${id}`)).status, 404);
    for (const m of media) {
      assert.equal((await a.get(`/media/posts/${m.id}`)).status, 404);
      assert.ok(!mediaFiles(ctx).includes(m.storage_key.slice("posts/".length)), "file removed");
      assert.ok(!mediaFiles(ctx).includes(m.thumb_key.slice("posts/".length)), "thumbnail removed");
    }
    assert.ok(!(await (await new TestClient(ctx.app).get("/@alice")).text()).includes("Short-lived"));
    assert.ok(!(await (await b.get("/bookmarks")).text()).includes("Short-lived"));
    const left = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("body", "like", "%short-lived%")
      .execute();
    assert.equal(left.length, 0, "comments gone too");
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select("id")
      .where("subject_id", "=", id)
      .execute();
    assert.equal(notes.length, 0);
  });

  it("suggests people to mention while typing, and completes the handle", async () => {
    const list = await (await a.get("/posts/mentions?body=Hello%20%40bo")).text();
    assert.match(list, /@bob · Bob Durand/);
    const none = await (await a.get("/posts/mentions?body=no%20mention")).text();
    assert.ok(!none.includes("@bob"));
    const picked = await (await a.post("/posts/mentions/pick", { body: "Hello @bo", handle: "bob" })).text();
    assert.match(picked, /Hello @bob <\/textarea>/);
  });

  it("serves Atom and RSS of public posts, escaped", async () => {
    await a.post("/posts", { body: "Feed & <friends> \u0001 test", visibility: "public" });
    await a.post("/posts", { body: "Secret feed item", visibility: "followers" });
    const atom = await new TestClient(ctx.app).get("/@alice/feed.atom");
    assert.equal(atom.status, 200);
    assert.match(atom.headers.get("content-type") ?? "", /application\/atom\+xml/);
    const xml = await atom.text();
    assert.match(xml, /<title>Feed &amp; &lt;friends&gt; +test<\/title>/);
    assert.ok(!xml.includes("\u0001"));
    assert.ok(!xml.includes("Secret feed item"));
    assert.match(xml, /<content type="html">&lt;div class=&quot;post-body&quot;&gt;/);
    const rss = await (await new TestClient(ctx.app).get("/@alice/feed.rss")).text();
    assert.match(rss, /<rss version="2.0"/);
    assert.match(rss, /Feed &amp; &lt;friends&gt;/);
    assert.equal((await new TestClient(ctx.app).get("/@nobody/feed.atom")).status, 404);
  });

  it("shows a person's latest posts on their profile, and all of them on their posts page, a page at a time", async () => {
    const dana = await person(ctx.deps, "dana", "Dana");
    const d = await signedInClient(ctx, dana);
    for (let i = 1; i <= 23; i++) {
      ctx.clock.advance(1000);
      await d.post("/posts", { body: `Dana post number ${i}.`, visibility: "public" });
    }
    const profile = await (await new TestClient(ctx.app).get("/@dana")).text();
    assert.match(profile, /Dana post number 23\./);
    assert.match(profile, /Dana post number 21\./);
    assert.ok(!profile.includes("Dana post number 20."));
    assert.match(profile, /<a href="\/@dana\/posts">All posts<\/a>/);
    const first = await (await new TestClient(ctx.app).get("/@dana/posts")).text();
    assert.match(first, /<h1>Posts by Dana<\/h1>/);
    assert.match(first, /Dana post number 23\./);
    assert.ok(!first.includes("Dana post number 3."));
    const older = /href="(\/@dana\/posts\?before=[^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(older);
    const second = await (await new TestClient(ctx.app).get(older)).text();
    assert.match(second, /Dana post number 3\./);
    assert.ok(!second.includes("Dana post number 4."));
    const french = await signedInClient(ctx, dana, { "accept-language": "fr" });
    assert.match(await (await french.get("/@dana/posts")).text(), /<h1>Publications de Dana<\/h1>/);
    assert.equal((await d.get("/@nobody/posts")).status, 404);
  });

  it("saves per-type notification preferences and honours them", async () => {
    const form = await (await b.get("/settings/notifications")).text();
    assert.match(form, /Someone reacts to my posts/);
    await b.post("/settings/notifications", { kind: "mention" });
    const id = postIdFrom(
      (await b.post("/posts", { body: "Quiet please", visibility: "public" })).headers.get("location"),
    );
    await a.post(`/posts/${id}/react`, { reaction: "like" });
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("recipient_id", "=", bob.accountId)
      .where("subject_id", "=", id)
      .execute();
    assert.equal(notes.length, 0);
    assert.match(
      await (await b.get("/settings/notifications")).text(),
      /id="notify-reaction" name="kind" value="reaction" aria-describedby=/,
    );
  });

  it("refuses a post for the people mentioned that mentions nobody, keeping its text", async () => {
    const refused = await a.post("/posts", { body: "Note to self: buy bread", visibility: "mentioned" });
    assert.equal(refused.status, 422);
    const page = await refused.text();
    assert.match(
      page,
      /Nobody would see this post: mention someone with @handle, or choose another audience\./,
    );
    assert.match(page, /Note to self: buy bread/);
    const fine = await a.post("/posts", { body: "Bread for @bob", visibility: "mentioned" });
    assert.equal(fine.status, 303);
  });

  it("tells a comment's parent author of a mention in it when comments are turned off", async () => {
    await b.post("/settings/notifications", { kind: "mention" });
    const id = postIdFrom(
      (await b.post("/posts", { body: "Who has the keys?", visibility: "public" })).headers.get("location"),
    );
    const reply = replyIdFrom(
      (await a.post(`/posts/${id}/reply`, { body: "I do, @bob", visibility: "public" })).headers.get(
        "location",
      ),
    );
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("recipient_id", "=", bob.accountId)
      .where("subject_id", "=", reply)
      .execute();
    assert.deepEqual(
      notes.map((n) => n.kind),
      ["mention"],
    );
    await ctx.deps.db.deleteFrom("notification_opt_outs").where("account_id", "=", bob.accountId).execute();
  });

  it("lets no mention widen a post's audience, nor a comment's", async () => {
    // Carol follows Alice but is not her connection.
    const post = postIdFrom(
      (await a.post("/posts", { body: "Cake in the fridge, @carol", visibility: "connections" })).headers.get(
        "location",
      ),
    );
    const reply = replyIdFrom(
      (
        await b.post(`/posts/${post}/reply`, {
          body: "Save me some, and tell @carol",
          visibility: "connections",
        })
      ).headers.get("location"),
    );
    assert.equal((await c.get(`/@alice/posts/${post}`)).status, 404);
    assert.equal((await c.get(`/@bob/posts/${reply}`)).status, 404);
    assert.equal(
      (await c.post(`/posts/${reply}/reply`, { body: "Me too!", visibility: "connections" })).status,
      404,
    );
    const notes = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("recipient_id", "=", carol.accountId)
      .where("subject_id", "in", [post, reply])
      .execute();
    assert.deepEqual(notes, []);
    assert.equal((await b.get(`/@bob/posts/${reply}`)).status, 200);
  });

  it("answers in French too", async () => {
    const fr = await signedInClient(ctx, carol, { "accept-language": "fr" });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: "fr" })
      .where("actor_id", "=", carol.accountId)
      .execute();
    const page = await (await fr.get("/posts/new")).text();
    assert.match(page, /Que voulez-vous partager/);
    assert.match(page, /Relations uniquement/);
  });
});

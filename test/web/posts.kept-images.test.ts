import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";
import { composerForm, png } from "./posts.fixtures.ts";

function mediaFiles(ctx: TestContext): string[] {
  const dir = join(ctx.dataDir, "media", "posts");
  return existsSync(dir) ? readdirSync(dir) : [];
}

function postIdFrom(location: string | null): string {
  const match = /\/posts\/([0-9a-f-]{36})/.exec(location ?? "");
  assert.ok(match?.[1], `a post URL: ${location}`);
  return match[1];
}

/** The images a refused composer kept, by place: the hidden fields that name them. */
function keptIn(html: string): Map<number, string> {
  const kept = new Map<number, string>();
  for (const m of html.matchAll(/name="media([0-9])" value="([0-9a-f-]{36})"/g))
    kept.set(Number(m[1]), m[2] ?? "");
  return kept;
}

/**
 * A refused composer loses nothing: the images that passed their own checks are kept on the server for
 * their owner and shown again (thumbnail, alt text, credit, a way to remove them), every problem is
 * shown at once, and nothing sent is dropped unseen.
 */
describe("the composer keeps chosen images through a refused form", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let a: TestClient;
  let b: TestClient;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    a = await signedInClient(ctx, alice);
    b = await signedInClient(ctx, bob);
  });
  after(() => ctx.close());

  it("keeps both images after a missing alt text and a one-choice poll, shows every problem, then publishes them", async () => {
    const refused = await a.postMultipart(
      "/posts",
      composerForm(
        {
          body: "Two pictures and a poll",
          visibility: "public",
          alt1: "A blue square",
          credit1: "Alice",
          alt2: "",
          pollOption1: "Only one",
          pollDuration: "86400",
        },
        { image1: await png(64, 48), image2: await png(30, 60) },
      ),
    );
    assert.equal(refused.status, 422);
    const page = await refused.text();
    // Both images kept, shown with their thumbnail, their fields filled, and a way to remove them.
    const kept = keptIn(page);
    assert.equal(kept.size, 2, "both images kept");
    assert.match(page, /Image 1 is kept from your last try/);
    assert.match(page, /Image 2 is kept from your last try/);
    assert.match(page, new RegExp(`src="/media/posts/${kept.get(1)}/thumb"`));
    assert.match(page, /name="remove2"/);
    assert.match(page, />A blue square<\/textarea>/);
    assert.match(page, /value="Alice"/);
    assert.match(page, /<details class="composer-images" id="composer-images" open/);
    // Every problem at once: the poll's does not hide the image's.
    assert.match(page, /Describe the image: people using a screen reader need it/);
    assert.match(page, /A poll needs 2 to 4 choices/);
    assert.match(page, /href="#field-alt2"/, "the summary links to the alt text of image 2");
    const rows = await ctx.deps.db.selectFrom("pending_media").selectAll().execute();
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(kept.values()));
    assert.ok(rows.every((r) => r.account_id === alice.accountId));
    // The thumbnail is its owner's only.
    const thumb = await a.get(`/media/posts/${kept.get(1)}/thumb`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get("cache-control"), "private, no-store");
    assert.equal((await b.get(`/media/posts/${kept.get(1)}/thumb`)).status, 404);
    assert.equal((await b.get(`/media/posts/${kept.get(1)}`)).status, 404);
    assert.equal(
      (
        await ctx.deps.db
          .selectFrom("posts")
          .select("id")
          .where("body", "=", "Two pictures and a poll")
          .execute()
      ).length,
      0,
    );

    // The person fixes both problems without choosing the files again.
    const published = await a.postMultipart(
      "/posts",
      composerForm({
        body: "Two pictures and a poll",
        visibility: "public",
        media1: kept.get(1) ?? "",
        media2: kept.get(2) ?? "",
        alt1: "A blue square",
        credit1: "Alice",
        alt2: "A tall blue rectangle",
        pollOption1: "Yes",
        pollOption2: "No",
        pollDuration: "86400",
      }),
    );
    assert.equal(published.status, 303, await published.text());
    const id = postIdFrom(published.headers.get("location"));
    const media = await ctx.deps.db
      .selectFrom("post_media")
      .selectAll()
      .where("post_id", "=", id)
      .orderBy("position")
      .execute();
    assert.deepEqual(
      media.map((m) => [m.id, m.alt, m.credit, m.thumb_width, m.thumb_height]),
      [
        [kept.get(1), "A blue square", "Alice", 64, 48],
        [kept.get(2), "A tall blue rectangle", "", 30, 60],
      ],
    );
    for (const m of media) assert.ok(mediaFiles(ctx).includes(m.storage_key.slice("posts/".length)));
    assert.equal((await ctx.deps.db.selectFrom("pending_media").selectAll().execute()).length, 0);
    const html = await (await b.get(`/@alice/posts/${id}`)).text();
    assert.match(html, /alt="A tall blue rectangle"/);
    assert.equal((await b.get(`/media/posts/${kept.get(2)}/thumb`)).status, 200, "now the post's image");
  });

  it("refuses alt text or a credit sent for a place without an image", async () => {
    const orphan = await a.postMultipart(
      "/posts",
      composerForm({ body: "Text", visibility: "public", alt3: "A photo of the lake", credit4: "Bob" }),
    );
    assert.equal(orphan.status, 422);
    const page = await orphan.text();
    assert.match(page, /This description has no image: choose the image again, or clear the description/);
    assert.match(page, /This credit has no image: choose the image again, or clear the credit/);
    assert.match(page, />A photo of the lake<\/textarea>/, "the description is kept, not dropped");
  });

  it("refuses a fifth image sent by a crafted form, keeping the four that fit", async () => {
    const fields: Record<string, string> = { body: "Five", visibility: "public" };
    const files: Record<string, Uint8Array> = {};
    for (let n = 1; n <= 5; n++) {
      fields[`alt${n}`] = `Picture ${n}`;
      files[`image${n}`] = await png();
    }
    const five = await a.postMultipart("/posts", composerForm(fields, files));
    assert.equal(five.status, 422);
    const fivePage = await five.text();
    assert.match(fivePage, /Add at most 4 images/);
    assert.equal(keptIn(fivePage).size, 4, "the four that fit are kept");
    assert.equal(
      (await ctx.deps.db.selectFrom("posts").select("id").where("body", "=", "Five").execute()).length,
      0,
    );
  });

  it("refuses another person's kept image, removes one on request, and replaces one with a new file", async () => {
    const refused = await a.postMultipart(
      "/posts",
      composerForm(
        { body: "", visibility: "public", alt1: "First", alt2: "Second", pollOption1: "x" },
        { image1: await png(), image2: await png() },
      ),
    );
    assert.equal(refused.status, 422);
    const kept = keptIn(await refused.text());
    assert.equal(kept.size, 2);
    const [first, second] = [kept.get(1) ?? "", kept.get(2) ?? ""];
    const filesOf = async (id: string) => {
      const row = await ctx.deps.db
        .selectFrom("pending_media")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return [row.storage_key, row.thumb_key].map((k) => k.slice("posts/".length));
    };
    const secondFiles = await filesOf(second);

    // Bob cannot take Alice's kept image into his post.
    const stolen = await b.postMultipart(
      "/posts",
      composerForm({ body: "Mine now", visibility: "public", media1: first, alt1: "Taken" }),
    );
    assert.equal(stolen.status, 422);
    assert.match(await stolen.text(), /An image kept from your last try is no longer available/);
    assert.equal(
      (await ctx.deps.db.selectFrom("post_media").select("id").where("id", "=", first).execute()).length,
      0,
    );

    // Alice removes image 2 and replaces image 1 with a new file: one image, the new one.
    const firstFiles = await filesOf(first);
    const published = await a.postMultipart(
      "/posts",
      composerForm(
        {
          body: "Only one in the end",
          visibility: "public",
          media1: first,
          alt1: "The replacement",
          media2: second,
          remove2: "1",
          alt2: "Second",
        },
        { image1: await png(20, 20) },
      ),
    );
    assert.equal(published.status, 303, await published.text());
    const id = postIdFrom(published.headers.get("location"));
    const media = await ctx.deps.db.selectFrom("post_media").selectAll().where("post_id", "=", id).execute();
    assert.equal(media.length, 1);
    assert.equal(media[0]?.alt, "The replacement");
    assert.equal(media[0]?.width, 20);
    assert.notEqual(media[0]?.id, first);
    const left = mediaFiles(ctx);
    for (const file of [...firstFiles, ...secondFiles]) assert.ok(!left.includes(file), `${file} removed`);
    const pending = await ctx.deps.db
      .selectFrom("pending_media")
      .select("id")
      .where("id", "in", [first, second])
      .execute();
    assert.equal(pending.length, 0);
  });

  it("refuses duplicate poll choices, whatever their case and spaces", async () => {
    const response = await a.post("/posts", {
      body: "Which one?",
      visibility: "public",
      pollOption1: "Same",
      pollOption2: "  same ",
      pollOption3: "Other",
      pollDuration: "86400",
    });
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /Two choices are the same: make each choice different/);
    assert.match(page, /value="Other"/, "the choices are kept");
    const spaced = await a.post("/posts", {
      body: "Which one?",
      visibility: "public",
      pollOption1: "Ice  cream",
      pollOption2: "ice cream",
      pollDuration: "86400",
    });
    assert.equal(spaced.status, 422);
    const fine = await a.post("/posts", {
      body: "Which one?",
      visibility: "public",
      pollOption1: "Same",
      pollOption2: "Sane",
      pollDuration: "86400",
    });
    assert.equal(fine.status, 303);
  });

  it("shows every problem of the form at once", async () => {
    const response = await a.postMultipart(
      "/posts",
      composerForm(
        {
          body: "x".repeat(5001),
          visibility: "everyone",
          alt1: "",
          pollOption1: "A",
          pollOption2: "a",
          pollDuration: "86400",
        },
        { image1: await png() },
      ),
    );
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /A post has at most 5,000 characters/);
    assert.match(page, /Choose who can see the post/);
    assert.match(page, /Describe the image: people using a screen reader need it/);
    assert.match(page, /Two choices are the same/);
    assert.equal(keptIn(page).size, 1);
  });

  it("answers a refused form at a page that exists, in French too", async () => {
    const fr = await signedInClient(ctx, alice, { "accept-language": "fr" });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: "fr" })
      .where("actor_id", "=", alice.accountId)
      .execute();
    const response = await fr.postMultipart(
      "/posts",
      composerForm({ body: "", visibility: "public", alt2: "Un lac" }),
    );
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(
      page,
      /name="next" value="\/posts\/new"/,
      "the language switch leads back to the composer, not to an address that only takes a POST",
    );
    assert.match(page, /Cette description n’a pas d’image/);
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: "en" })
      .where("actor_id", "=", alice.accountId)
      .execute();
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { mute } from "../../src/services/moderation/mute.ts";
import { forgetPages } from "../../src/web/page-cache.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person } from "../services/messages.fixtures.ts";

interface Status {
  id: string;
  favourites_count: number;
  favourited: boolean;
  account: { display_name: string };
  content: string;
}

/**
 * The home timeline (page and API) is kept per member under their timeline's, marks' and ties'
 * versions: what they do, and what reaches or leaves their timeline, shows on the very next request;
 * what others do to the posts shown shows when the page is drawn again (forgetting it stands for the
 * seconds a kept page lives).
 */
describe("kept home timeline", () => {
  let ctx: TestContext;
  let ana: Person;
  let bob: Person;
  let cat: Person;
  let ana1: TestClient;
  let bob1: TestClient;
  let cat1: TestClient;
  let postId = "";
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana Lima");
    bob = await person(ctx.deps, "bob", "Bob Stone");
    cat = await person(ctx.deps, "cat", "Cat Moss");
    await connect(ctx.deps, ana, bob);
    await connect(ctx.deps, cat, bob);
    ana1 = await signedInClient(ctx, ana, { "accept-language": "en" });
    bob1 = await signedInClient(ctx, bob, { "accept-language": "en" });
    cat1 = await signedInClient(ctx, cat, { "accept-language": "en" });
    // Ana's first visit queues the build of her timeline; once built, the fan-out writes to it.
    await ana1.get("/");
    ctx.clock.advance(1000);
    await drainJobs(ctx.deps);
    await bob1.post("/posts", { body: "Kept timelines are fun", visibility: "connections" });
    await drainJobs(ctx.deps);
    const row = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("author_id", "=", bob.accountId)
      .executeTakeFirstOrThrow();
    postId = row.id;
  });
  after(() => ctx.close());

  const home = async () => {
    const response = await ana1.get("/");
    assert.equal(response.status, 200);
    return response.text();
  };
  const api = async () => {
    const response = await ana1.get("/api/v1/timelines/home");
    assert.equal(response.status, 200);
    return (await response.json()) as Status[];
  };
  const drawnAgain = () => {
    forgetPages("/");
    forgetPages("/api/v1/timelines/home");
  };

  it("shows the viewer's own reaction at once, and someone else's once drawn again", async () => {
    assert.match(await home(), /Kept timelines are fun/);
    assert.equal((await api())[0]?.favourites_count, 0);
    await ana1.post(`/posts/${postId}/react`, { reaction: "like" });
    assert.match(
      await home(),
      /value="like"[^>]*aria-pressed="true"(?:(?!<\/button>).)*<span class="count"> 1<\/span>/,
    );
    const [mine] = await api();
    assert.equal(mine?.favourited, true);
    assert.equal(mine?.favourites_count, 1);
    await cat1.post(`/posts/${postId}/react`, { reaction: "celebrate" });
    drawnAgain();
    assert.equal((await api())[0]?.favourites_count, 2);
    assert.match(
      await home(),
      /value="celebrate"[^>]*aria-pressed="false"(?:(?!<\/button>).)*<span class="count"> 1<\/span>/,
    );
  });

  it("shows a new post and a deleted one at once, an edit and a new name once drawn again", async () => {
    await home();
    await api();
    await bob1.post("/posts", { body: "A second thought", visibility: "public" });
    await drainJobs(ctx.deps);
    assert.match(await home(), /A second thought/);
    assert.equal((await api()).length, 2);
    const second = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("body", "=", "A second thought")
      .executeTakeFirstOrThrow();
    assert.equal((await bob1.post(`/posts/${second.id}/delete`, {})).status, 303);
    assert.doesNotMatch(await home(), /A second thought/);
    assert.equal((await api()).length, 1);

    await bob1.post(`/posts/${postId}/edit`, { body: "Kept timelines are edited" });
    await ctx.deps.db
      .updateTable("actors")
      .set({ display_name: "Robert Stone" })
      .where("id", "=", bob.accountId)
      .execute();
    drawnAgain();
    const page = await home();
    assert.match(page, /Kept timelines are edited/);
    assert.match(page, /Robert Stone/);
    const [status] = await api();
    assert.match(status?.content ?? "", /edited/);
    assert.equal(status?.account.display_name, "Robert Stone");
  });

  it("hides a muted person's posts at once", async () => {
    assert.match(await home(), /Kept timelines are edited/);
    await mute(ctx.deps, ana.viewer, bob.accountId);
    assert.doesNotMatch(await home(), /Kept timelines are edited/);
    assert.equal((await api()).length, 0);
  });
});

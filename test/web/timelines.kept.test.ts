import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, connect, type Person, person } from "../services/messages.fixtures.ts";

/**
 * The home timeline (page and API) is kept per member under its entries' and cards' versions: each
 * change below, made within the seconds a kept page lives, shows on the very next request.
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
    await ana1.get("/");
    const created = await bob1.post("/posts", { body: "Kept timelines are fun", visibility: "connections" });
    assert.equal(created.status, 303);
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
    return (await response.json()) as {
      id: string;
      favourites_count: number;
      favourited: boolean;
      account: { display_name: string };
      content: string;
    }[];
  };

  it("shows someone else's reaction, and the viewer's own, at once", async () => {
    assert.match(await home(), /Kept timelines are fun/);
    assert.equal((await api())[0]?.favourites_count, 0);
    await cat1.post(`/posts/${postId}/react`, { reaction: "celebrate" });
    assert.equal((await api())[0]?.favourites_count, 1);
    assert.match(
      await home(),
      /value="celebrate"[^>]*aria-pressed="false"(?:(?!<\/button>).)*<span class="count"> 1<\/span>/,
    );
    await ana1.post(`/posts/${postId}/react`, { reaction: "like" });
    const [status] = await api();
    assert.equal(status?.favourites_count, 2);
    assert.equal(status?.favourited, true);
    assert.match(
      await home(),
      /value="like"[^>]*aria-pressed="true"(?:(?!<\/button>).)*<span class="count"> 1<\/span>/,
    );
  });

  it("shows an edit, a new name, and a new post", async () => {
    await home();
    await api();
    await bob1.post(`/posts/${postId}/edit`, { body: "Kept timelines are edited" });
    assert.match(await home(), /Kept timelines are edited/);
    assert.match((await api())[0]?.content ?? "", /edited/);
    await ctx.deps.db
      .updateTable("actors")
      .set({ display_name: "Robert Stone" })
      .where("id", "=", bob.accountId)
      .execute();
    assert.match(await home(), /Robert Stone/);
    assert.equal((await api())[0]?.account.display_name, "Robert Stone");
    await bob1.post("/posts", { body: "A second thought", visibility: "public" });
    await drainJobs(ctx.deps);
    assert.match(await home(), /A second thought/);
    assert.equal((await api()).length, 2);
  });

  it("hides a muted person's posts at once", async () => {
    assert.match(await home(), /A second thought/);
    await blockRow(ctx.deps, ana, bob, "mutes");
    assert.doesNotMatch(await home(), /A second thought/);
    assert.equal((await api()).length, 0);
  });
});

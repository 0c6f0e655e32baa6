import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { liveHub } from "../../src/services/live/hub.ts";
import { ensureFreshTimeline } from "../../src/services/timelines/home.ts";
import { tagCursor } from "../../src/services/timelines/public.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person, post } from "../services/posts.fixtures.ts";

interface NewPosts {
  count: number;
  label: string;
}

/** The `counts` events of a /live response, one at a time (read through the app, no socket). */
function countsOf(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ newPosts: NewPosts | null }> {
      const deadline = Date.now() + 8000;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (/^event: counts$/m.test(block) && data) return JSON.parse(data);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no event in time");
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, fail) => {
            timer = setTimeout(() => fail(new Error("no event in time")), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error("the stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

const ZERO = "00000000-0000-0000-0000-000000000000";

describe("/live: new posts of the connections, public and hashtag timelines", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let dan: Person;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    bob = await person(ctx.deps, "bob", "Bob");
    dan = await person(ctx.deps, "dan", "Dan");
    await connect(ctx.deps, alice, bob);
    // Bob has read his home timeline: the fan-out writes to it.
    await ensureFreshTimeline(ctx.deps, bob.accountId);
  });
  after(async () => {
    liveHub(ctx.deps.db).stop();
    await ctx.close();
  });

  async function open(who: Person, query: string) {
    const client = await signedInClient(ctx, who);
    const response = await client.get(`/live?${query}`);
    assert.equal(response.status, 200);
    return countsOf(response);
  }

  it("counts what each timeline shows its viewer, and says so in their language", async () => {
    const since = new URLSearchParams({ since: ZERO });
    const tagSince = tagCursor(new Date(0).toISOString(), ZERO);
    const danPublic = await open(dan, `${since}&timeline=public`);
    const danTag = await open(dan, `since=${encodeURIComponent(tagSince)}&timeline=tag&tag=Picnic`);
    const bobConnections = await open(bob, `${since}&timeline=connections`);
    const frClient = await signedInClient(ctx, dan, { "accept-language": "fr" });
    const danFrench = countsOf(await frClient.get(`/live?${since}&timeline=public`));
    assert.deepEqual((await danPublic.next()).newPosts, { count: 0, label: "0 new posts — show" });
    assert.equal((await danTag.next()).newPosts?.count, 0);
    assert.equal((await bobConnections.next()).newPosts?.count, 0);
    assert.equal((await danFrench.next()).newPosts?.count, 0);

    // Alice's connections-only post is news to Bob among his connections, to Dan nowhere; her
    // public one is news to Dan on the public timeline and on the hashtag's page.
    await post(ctx.deps, alice, { body: "Connections picnic #picnic", visibility: "connections" });
    await drainJobs(ctx.deps);
    assert.deepEqual((await bobConnections.next()).newPosts, { count: 1, label: "1 new post — show" });
    await post(ctx.deps, alice, { body: "Public picnic #picnic", visibility: "public" });
    await drainJobs(ctx.deps);
    assert.deepEqual((await danPublic.next()).newPosts, { count: 1, label: "1 new post — show" });
    assert.deepEqual((await danTag.next()).newPosts, { count: 1, label: "1 new post — show" });
    assert.deepEqual((await danFrench.next()).newPosts, {
      count: 1,
      label: "1 nouvelle publication — afficher",
    });
    assert.deepEqual((await bobConnections.next()).newPosts, { count: 2, label: "2 new posts — show" });
    for (const stream of [danPublic, danTag, bobConnections, danFrench]) await stream.close();
  });

  it("watches no timeline when what it is given is not one", async () => {
    for (const query of [
      "since=nonsense&timeline=public",
      `since=${ZERO}&timeline=bookmarks`,
      `since=${ZERO}&timeline=tag&tag=picnic`,
      `since=${encodeURIComponent(tagCursor(new Date(0).toISOString(), ZERO))}&timeline=tag&tag=no-such!`,
    ]) {
      const stream = await open(dan, query);
      assert.equal((await stream.next()).newPosts, null, query);
      await stream.close();
    }
  });
});

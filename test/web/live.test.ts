import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { liveHub } from "../../src/services/live/hub.ts";
import { notify } from "../../src/services/notifications/notify.ts";
import { createSession } from "../../src/services/sessions/create.ts";
import { ensureFreshTimeline } from "../../src/services/timelines/home.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { connect, type Person, person, post } from "../services/posts.fixtures.ts";

interface Counts {
  notifications: { count: number; label: string };
  messages: { count: number; label: string };
  newPosts: { count: number; label: string } | null;
}

/** Reads server-sent events from a real HTTP response, one `counts` event at a time. */
class EventReader {
  private buffer = "";
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async next(timeoutMs = 8000): Promise<Counts> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === "counts" && data) return JSON.parse(data) as Counts;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no event in time");
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, fail) => setTimeout(() => fail(new Error("no event in time")), left)),
      ]);
      if (chunk.done) throw new Error("the stream ended");
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
}

describe("/live: server-sent events over real HTTP", () => {
  let ctx: TestContext;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let alice: Person;
  let bob: Person;
  let token: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    bob = await person(ctx.deps, "bob", "Bob");
    await connect(ctx.deps, alice, bob);
    await ensureFreshTimeline(ctx.deps, bob.accountId);
    ({ token } = await createSession(ctx.deps, bob.accountId, { ip: "127.0.0.1", userAgent: "test" }));
    server = serve({ fetch: ctx.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    await ctx.close();
  });

  it("refuses visitors", async () => {
    const response = await fetch(`${origin}/live`);
    assert.equal(response.status, 401);
  });

  it("sends the counts at once, then a notification and new posts as they happen", async () => {
    const controller = new AbortController();
    const since = "00000000-0000-7000-8000-000000000000";
    const response = await fetch(`${origin}/live?since=${since}`, {
      headers: { cookie: `liens_session=${token}` },
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
    const events = new EventReader((response.body as ReadableStream<Uint8Array>).getReader());
    const first = await events.next();
    assert.equal(first.notifications.count, 0);
    assert.deepEqual(first.newPosts, { count: 0, label: "0 new posts — show" });
    assert.equal(liveHub(ctx.deps.db).size, 1);

    await notify(ctx.deps, { recipientId: bob.accountId, kind: "follow", actorId: alice.accountId });
    const second = await events.next();
    assert.equal(second.notifications.count, 1);
    assert.equal(second.notifications.label, "1 unread");

    await post(ctx.deps, alice, { body: "Fresh news", visibility: "connections" });
    await drainJobs(ctx.deps);
    const third = await events.next();
    assert.deepEqual(third.newPosts, { count: 1, label: "1 new post — show" });

    controller.abort();
    // The hub forgets a closed connection (and stops polling when none is left).
    for (let i = 0; i < 50 && liveHub(ctx.deps.db).size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(liveHub(ctx.deps.db).size, 0);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createContact } from "../../src/services/contacts/create.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, viewerFor } from "../helpers/factories.ts";

describe("privacy: ties, stories, suggestions, report, circles and digest are their owner's only", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let bobClient: TestClient;
  let anonymous: TestClient;
  let contactId: string;
  before(async () => {
    ctx = await createTestContext();
    const aliceAccount = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" });
    alice = await viewerFor(ctx.deps, aliceAccount);
    const bobAccount = await createAccount(ctx.deps, { handle: "bob", displayName: "Bob" });
    const carol = await viewerFor(
      ctx.deps,
      await createAccount(ctx.deps, { handle: "carol", displayName: "Carol" }),
    );
    bobClient = await signedInClient(ctx, bobAccount);
    anonymous = new TestClient(ctx.app);
    ({ id: contactId } = await createContact(ctx.deps, alice, { name: "Secret Sam", notes: "private note" }));
    const aliceClient = await signedInClient(ctx, aliceAccount);
    await aliceClient.get("/nurture/settings"); // its form sets the CSRF cookie
    await bobClient.get("/nurture/settings");
    await aliceClient.post("/nurture/with/@carol/adjust", { notes: "Alice's secret about Carol" });
    await aliceClient.post("/nurture/with/@carol/log", {
      what: "call",
      date: ctx.clock.now().toISOString().slice(0, 10),
    });
    await aliceClient.post("/nurture/settings", { weeklyDigest: "on" });
    void carol;
  });
  after(() => ctx.close());

  it("another member gets 404 for Alice's contact story and its forms", async () => {
    for (const path of [`/nurture/with/contact/${contactId}`]) {
      const response = await bobClient.get(path);
      assert.equal(response.status, 404);
      assert.doesNotMatch(await response.text(), /Secret Sam|private note/);
    }
    for (const action of ["log", "adjust", "dates"]) {
      const response = await bobClient.post(`/nurture/with/contact/${contactId}/${action}`, {
        what: "call",
        date: "2026-01-01",
        kind: "birthday",
        month: "1",
        day: "1",
      });
      assert.equal(response.status, 404, action);
    }
  });

  it("Bob's story with Carol is his own, empty: nothing of Alice's tie, notes or log leaks", async () => {
    const page = await (await bobClient.get("/nurture/with/@carol")).text();
    assert.doesNotMatch(page, /Alice's secret about Carol/);
    assert.doesNotMatch(page, /Call or video \(you\)/);
    assert.match(page, /No story yet/);
    for (const path of ["/nurture", "/nurture/report", "/nurture/circles", "/nurture/settings"]) {
      const text = await (await bobClient.get(path)).text();
      assert.doesNotMatch(text, /Carol|Secret Sam|Alice's secret/, path);
    }
  });

  it("nobody reaches a story with themselves, and someone who blocked you is not found", async () => {
    assert.equal((await bobClient.get("/nurture/with/@bob")).status, 404);
    assert.equal((await bobClient.get("/nurture/with/@nobody")).status, 404);
  });

  it("anonymous visitors are sent to sign in, never shown a tie, a suggestion or the digest settings", async () => {
    for (const path of [
      "/nurture",
      `/nurture/with/contact/${contactId}`,
      "/nurture/with/@carol",
      "/nurture/report",
      "/nurture/circles",
      "/nurture/settings",
    ]) {
      const response = await anonymous.get(path);
      assert.equal(response.status, 303, path);
      assert.match(response.headers.get("location") ?? "", /^\/signin\?next=/);
    }
    const post = await anonymous.post(`/nurture/with/contact/${contactId}/log`, {
      what: "call",
      date: "2026-01-01",
    });
    assert.notEqual(post.status, 200);
    const count = await ctx.deps.db
      .selectFrom("interactions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("other_key", "=", contactId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it("the admin's mail list shows no digest content", async () => {
    const { listMailFiles } = await import("../../src/services/digest/send.ts");
    assert.throws(() => listMailFiles(ctx.deps, null));
  });
});

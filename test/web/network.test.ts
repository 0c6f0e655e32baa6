import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient } from "../helpers/factories.ts";

describe("network pages: connect, answer, welcome prompt, follow, block, report, notifications", () => {
  let ctx: TestContext;
  let alice: TestClient;
  let bob: TestClient;
  let carol: TestClient;
  before(async () => {
    ctx = await createTestContext();
    alice = await signedInClient(
      ctx,
      await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" }),
    );
    bob = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "bob", displayName: "Bob" }));
    carol = await signedInClient(
      ctx,
      await createAccount(ctx.deps, { handle: "carol", displayName: "Carol" }),
    );
  });
  after(() => ctx.close());

  it("sends a request from the profile, keeping typed text when it is refused", async () => {
    const profile = await (await alice.get("/@bob")).text();
    assert.match(profile, /href="\/@bob\/connect"/);
    const refused = await alice.post("/@bob/connect", {
      note: "n".repeat(501),
      metWhere: "Lyon meetup",
      metOn: "2026-02-20",
    });
    assert.equal(refused.status, 422);
    const html = await refused.text();
    assert.match(html, /at most 500 characters/);
    assert.match(html, /value="Lyon meetup"/);
    const sent = await alice.post("/@bob/connect", {
      note: "Great talk on bikes!",
      metWhere: "Lyon meetup",
      metOn: "2026-02-20",
    });
    assert.equal(sent.headers.get("location"), "/@bob?notice=requested");
    assert.match(
      await (await alice.get("/@bob?notice=requested")).text(),
      /Your request is sent\. Bob will decide\..*Request sent/s,
    );
  });

  it("shows the request to Bob with its note, badge and notification, and accepting opens the welcome prompt", async () => {
    const home = await (await bob.get("/")).text();
    assert.match(
      home,
      /href="\/notifications"[^>]*>Notifications<span class="badge"><span aria-hidden="true">1<\/span>/,
    );
    const network = await (await bob.get("/network")).text();
    assert.match(network, /Great talk on bikes!/);
    assert.match(network, /Met Lyon meetup/);
    const id = /action="\/network\/requests\/([^/]+)\/accept"/.exec(network)?.[1];
    assert.ok(id);
    assert.equal((await bob.post(`/network/requests/${id}/accept`, {})).status, 303);
    const after = await (await bob.get("/network")).text();
    assert.match(after, /Welcome your new connections/);
    assert.match(after, /href="\/messages\/new\?to=alice"[^>]*>Welcome Alice/);
    const aliceNetwork = await (await alice.get("/network")).text();
    assert.match(aliceNetwork, /Welcome Bob/);
    assert.match(aliceNetwork, /Met Lyon meetup/, "Alice sees her own 'how we met'");
    const notifications = await (await alice.get("/notifications")).text();
    assert.match(notifications, /Bob accepted your connection request/);
    assert.doesNotMatch(await (await alice.get("/")).text(), /class="badge"/, "reading clears the badge");
    assert.equal(
      (await bob.post(`/network/requests/${id}/accept`, {})).status,
      303,
      "accepting twice is harmless",
    );
  });

  it("never shows one side's 'how we met' or the request to a third person", async () => {
    const network = await (await carol.get("/network")).text();
    assert.doesNotMatch(network, /Lyon meetup|Great talk/);
    const notifications = await (await carol.get("/notifications")).text();
    assert.doesNotMatch(notifications, /Bob|Alice/);
  });

  it("follows and unfollows from the profile", async () => {
    assert.equal((await carol.post("/@alice/follow", {})).headers.get("location"), "/@alice?notice=follow");
    assert.match(await (await carol.get("/@alice?notice=follow")).text(), /You follow Alice\..*Unfollow/s);
    assert.match(await (await alice.get("/@carol")).text(), /Follows you/);
    await carol.post("/@alice/unfollow", {});
    assert.match(await (await carol.get("/@alice")).text(), />Follow</);
  });

  it("blocking hides the blocker's profile from the blocked person and refuses their requests", async () => {
    await carol.post("/@alice/connect", { note: "hi" });
    assert.equal((await alice.post("/@carol/block", {})).status, 303);
    assert.match(await (await alice.get("/@carol")).text(), /You blocked this person/);
    const seen = await carol.get("/@alice");
    assert.equal(seen.status, 404);
    assert.doesNotMatch(await seen.text(), /Alice/);
    assert.equal((await carol.post("/@alice/connect", { note: "again" })).status, 404);
    assert.equal((await carol.post("/@alice/follow", {})).status, 404);
    assert.doesNotMatch(await (await alice.get("/network")).text(), /carol/, "the pending request went away");
    await alice.post("/@carol/unblock", {});
    assert.equal((await carol.get("/@alice")).status, 200);
  });

  it("reports an account to the admins with a reason, who can mark it handled", async () => {
    const short = await carol.post("/@bob/report", { reason: "bad" });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /at least 10 characters/);
    assert.equal((await carol.post("/@bob/report", { reason: "Sends me spam every day." })).status, 303);
    const admin = await (await alice.get("/admin")).text();
    assert.match(admin, /@carol reported @bob/);
    assert.match(admin, /Sends me spam every day\./);
    const id = /action="\/admin\/reports\/([^/]+)\/resolve"/.exec(admin)?.[1];
    assert.ok(id);
    await alice.post(`/admin/reports/${id}/resolve`, {});
    assert.match(await (await alice.get("/admin")).text(), /No open report/);
    assert.equal((await bob.get("/admin")).status, 404);
  });

  it("a locked account gets follow requests on its network page", async () => {
    await bob.post("/settings/privacy", { locked: "on", discoverable: "on" });
    await carol.post("/@bob/follow", {});
    assert.match(await (await carol.get("/@bob?notice=follow")).text(), /approves followers/);
    const network = await (await bob.get("/network")).text();
    assert.match(network, /Follow requests/);
    await bob.post("/network/follow-requests/carol/approve", {});
    assert.match(await (await carol.get("/@bob")).text(), /Unfollow/);
  });

  it("asks visitors to sign in for every network page", async () => {
    const visitor = new TestClient(ctx.app);
    for (const path of ["/network", "/notifications", "/@bob/connect", "/@bob/report"]) {
      assert.equal((await visitor.get(path)).status, 303, path);
    }
  });
});

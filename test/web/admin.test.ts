import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient } from "../helpers/factories.ts";

describe("administration: registration mode and invitations", () => {
  let ctx: TestContext;
  let admin: TestClient;
  let member: TestClient;
  before(async () => {
    ctx = await createTestContext();
    admin = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "root_user" }));
    member = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "member" }));
  });
  after(() => ctx.close());

  it("answers 'not found' to members and visitors", async () => {
    assert.equal((await member.get("/admin")).status, 404);
    assert.equal((await new TestClient(ctx.app).get("/admin")).status, 404);
    assert.equal((await member.post("/admin/registration", { mode: "closed" })).status, 404);
    assert.equal((await member.post("/admin/invites", {})).status, 404);
  });

  it("closes registrations: the sign-up page says so and refuses", async () => {
    assert.equal((await admin.post("/admin/registration", { mode: "closed" })).status, 303);
    const visitor = new TestClient(ctx.app);
    assert.match(await (await visitor.get("/signup")).text(), /does not accept new accounts/);
    const refused = await visitor.post("/signup", {
      handle: "newbie",
      email: "n@example.test",
      password: "long enough pw",
    });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /value="newbie"/);
  });

  it("invite-only: a single-use link shown once lets one person in", async () => {
    await admin.post("/admin/registration", { mode: "invite" });
    const page = await (await admin.post("/admin/invites", {})).text();
    const link = /<code class="secret">([^<]+)<\/code>/.exec(page)?.[1];
    assert.ok(link, "the link is shown once");
    const invite = new URL(link.replaceAll("&amp;", "&")).searchParams.get("invite") ?? "";
    const listed = await (await admin.get("/admin")).text();
    assert.doesNotMatch(listed, new RegExp(invite), "never shown again");
    assert.match(listed, /Unused/);

    const visitor = new TestClient(ctx.app);
    assert.match(await (await visitor.get("/signup")).text(), /by invitation only/);
    const form = await (await visitor.get(`/signup?invite=${invite}`)).text();
    assert.match(form, new RegExp(`name="invite" value="${invite}"`));
    const ok = await visitor.post("/signup", {
      handle: "invited",
      email: "i@example.test",
      password: "long enough pw",
      invite,
    });
    assert.equal(ok.status, 303);
    assert.match(await (await admin.get("/admin")).text(), /Used by @invited/);

    const again = await new TestClient(ctx.app).post("/signup", {
      handle: "second",
      email: "s@example.test",
      password: "long enough pw",
      invite,
    });
    assert.equal(again.status, 422);
    assert.match(await again.text(), /not valid any more/);
  });
});

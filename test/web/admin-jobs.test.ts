import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { enqueue } from "../../src/services/jobs/queue.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient } from "../helpers/factories.ts";

describe("administration: background jobs", () => {
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
    assert.equal((await member.get("/admin/jobs")).status, 404);
    assert.equal((await new TestClient(ctx.app).get("/admin/jobs")).status, 404);
  });

  it("shows jobs by kind and state, and a failed job's error, which the admin can retry", async () => {
    await enqueue(ctx.deps, { kind: "nobody.handles.this", maxAttempts: 1 });
    await drainJobs(ctx.deps);
    const page = await (await admin.get("/admin/jobs")).text();
    assert.match(page, /nobody\.handles\.this/);
    assert.match(page, /No handler for jobs of kind/);
    const id = /action="\/admin\/jobs\/([^/]+)\/retry"/.exec(page)?.[1];
    assert.ok(id);
    assert.equal((await member.post(`/admin/jobs/${id}/retry`, {})).status, 404);
    assert.equal((await admin.post(`/admin/jobs/${id}/retry`, {})).status, 303);
    const job = await ctx.deps.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(job.status, "pending");
    assert.equal(job.attempts, 0);
  });

  it("warns when due jobs wait with no worker to run them", async () => {
    await enqueue(ctx.deps, { kind: "jobs.cleanup" });
    ctx.clock.advance(120_000);
    assert.match(await (await admin.get("/admin/jobs")).text(), /waiting for more than a minute/);
  });
});

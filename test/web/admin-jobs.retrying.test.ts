import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { enqueue } from "../../src/services/jobs/queue.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { POLL_ENDED_JOB } from "../../src/services/posts/create.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

/** A job failing but not given up yet is shown to the admin with its error and its next attempt. */
describe("administration: background jobs failing and waiting to be tried again", () => {
  let ctx: TestContext;
  let root: TestAccount;
  before(async () => {
    ctx = await createTestContext();
    root = await createAccount(ctx.deps, { handle: "root_user" });
  });
  after(() => ctx.close());

  const page = async (lang: string) => {
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: null })
      .where("actor_id", "=", root.accountId)
      .execute();
    const client = await signedInClient(ctx, root, { "accept-language": lang });
    return (await client.get("/admin/jobs")).text();
  };
  const section = (html: string) =>
    /<section[^>]*aria-labelledby="jobs-retrying"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

  it("lists it with its attempts, its error and when it runs next, in English and in French", async () => {
    const before = await page("en");
    assert.match(section(before), /No job is waiting to be tried again\./);
    // A poll's closing job without its post: its handler refuses the payload, then it is tried again.
    await enqueue(ctx.deps, { kind: POLL_ENDED_JOB, payload: {}, maxAttempts: 5 });
    await drainJobs(ctx.deps);
    const job = await ctx.deps.db
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", POLL_ENDED_JOB)
      .executeTakeFirstOrThrow();
    assert.equal(job.status, "pending", "waiting for its next attempt");
    assert.equal(job.attempts, 1);

    const en = section(await page("en"));
    assert.match(en, /Failing, will be tried again/);
    assert.match(en, /posts\.pollEnded<\/strong> · 1 attempt \/ 5 · next attempt /);
    assert.match(en, /<pre class="error-detail">[^<]*postId/, "its error");
    const fr = section(await page("fr"));
    assert.match(fr, /En échec, seront réessayées/);
    assert.match(fr, /1 essai \/ 5 · prochain essai le /);
  });
});

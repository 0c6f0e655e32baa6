import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { vote } from "../../src/services/posts/vote.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

/** When a poll closes, its author is told it is their poll; each voter, that they took part. */
describe("posts: the poll-closed notification, for the author and for voters", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    const id = await post(ctx.deps, alice, {
      body: "Picnic on Sunday?",
      poll: { options: ["Yes", "No"], multiple: false, durationSeconds: 3600 },
    });
    const option = await ctx.deps.db
      .selectFrom("poll_options")
      .select("id")
      .where("post_id", "=", id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    await vote(ctx.deps, bob.viewer, id, [option.id]);
    ctx.clock.advance(3601_000);
    await drainJobs(ctx.deps);
  });
  after(() => ctx.close());

  /** The notifications page as `who` reads it in `lang` (their account's language left unset). */
  async function notifications(who: Person, lang: string): Promise<string> {
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: null })
      .where("actor_id", "=", who.accountId)
      .execute();
    const client = await signedInClient(ctx, who, { "accept-language": lang });
    return (await client.get("/notifications")).text();
  }

  it("tells the author in English and in French that their poll has closed", async () => {
    const en = await notifications(alice, "en");
    assert.match(en, /Your poll has closed\. See the results\./);
    assert.doesNotMatch(en, /A poll you took part in/);
    const fr = await notifications(alice, "fr");
    assert.match(fr, /Votre sondage est terminé\. Voyez les résultats\./);
    assert.doesNotMatch(fr, /auquel vous avez participé/);
  });

  it("tells a voter that a poll they took part in has closed", async () => {
    assert.match(await notifications(bob, "en"), /A poll you took part in has closed\./);
    assert.match(await notifications(bob, "fr"), /Un sondage auquel vous avez participé est terminé\./);
  });
});

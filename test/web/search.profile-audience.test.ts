import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { updateProfile } from "../../src/services/profiles/update.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person } from "../services/posts.fixtures.ts";

/** The handles in a search page's people section, and the section's text. */
function people(html: string) {
  const start = html.indexOf('id="search-people"');
  const section = start < 0 ? "" : html.slice(start, html.indexOf('id="search-posts"', start) >>> 0);
  return { handles: [...section.matchAll(/href="\/@(\w+)"/g)].map((m) => m[1]), section };
}

/**
 * People search shows and finds a profile's headline only as its audience allows: the words of a
 * headline for connections or for its owner alone are not searched, and the text is shown only to
 * those who may see it, as on the profile page.
 */
describe("people search: the headline's audience", () => {
  let ctx: TestContext;
  let carol: Person;
  let bob: Person;
  let dave: Person;
  const clients: Record<"carol" | "bob" | "dave" | "visitor", TestClient> = {} as never;

  const headline = (text: string, audience: string) =>
    updateProfile(ctx.deps, carol.viewer, {
      displayName: "Carol Petit",
      headline: text,
      headlineAudience: audience,
    });
  const searchAs = async (who: keyof typeof clients, q: string) =>
    people(await (await clients[who].get(`/search?q=${encodeURIComponent(q)}`)).text());

  before(async () => {
    ctx = await createTestContext();
    carol = await person(ctx.deps, "carol", "Carol Petit");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    dave = await person(ctx.deps, "dave", "Dave Roux");
    await connect(ctx.deps, carol, bob);
    clients.carol = await signedInClient(ctx, carol);
    clients.bob = await signedInClient(ctx, bob);
    clients.dave = await signedInClient(ctx, dave);
    clients.visitor = new TestClient(ctx.app);
  });
  after(() => ctx.close());

  it("does not find an 'only me' headline's words, nor show its text, to anyone else", async () => {
    await headline("Hidden headline xyzzy", "private");
    for (const who of ["dave", "visitor", "bob"] as const) {
      const found = await searchAs(who, "xyzzy");
      assert.deepEqual(found.handles, [], `${who} does not find Carol by a private headline`);
      assert.doesNotMatch(found.section, /xyzzy/);
      const byName = await searchAs(who, "carol");
      assert.deepEqual(byName.handles, ["carol"], `${who} finds Carol by her name`);
      assert.doesNotMatch(byName.section, /xyzzy/, `${who} is not shown a private headline`);
    }
    assert.match((await searchAs("carol", "carol")).section, /Hidden headline xyzzy/, "her own");
  });

  it("shows a connections-only headline to connections only, and searches it for no one", async () => {
    await headline("Quiet plugh work", "connections");
    for (const who of ["dave", "visitor"] as const) {
      assert.deepEqual((await searchAs(who, "plugh")).handles, [], `${who} does not find it`);
      assert.doesNotMatch((await searchAs(who, "carol")).section, /plugh/, `${who} is not shown it`);
    }
    assert.match((await searchAs("bob", "carol")).section, /Quiet plugh work/, "her connection sees it");
    assert.doesNotMatch((await searchAs("dave", "xyzzy")).section, /xyzzy/, "the old words are gone");
  });

  it("finds and shows a public headline to everyone, and forgets it when it is hidden again", async () => {
    await headline("Open frobozz maker", "public");
    for (const who of ["dave", "visitor", "bob", "carol"] as const) {
      const found = await searchAs(who, "frobozz");
      assert.deepEqual(found.handles, ["carol"], `${who} finds Carol by a public headline`);
      assert.match(found.section, /Open frobozz maker/);
    }
    await headline("Open frobozz maker", "connections");
    assert.deepEqual((await searchAs("dave", "frobozz")).handles, [], "hidden again: not searched");
    assert.deepEqual((await searchAs("bob", "frobozz")).handles, [], "not searched for connections either");
  });
});

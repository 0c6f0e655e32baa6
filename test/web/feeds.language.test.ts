import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { updatePreferences } from "../../src/services/accounts/preferences.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

/**
 * A feed is cached publicly, by shared caches too: its text must not depend on who asks. It speaks
 * its author's language, whatever the reader's Accept-Language, language cookie or account.
 */
describe("feeds: in the author's language, the same for every reader", () => {
  let ctx: TestContext;
  let amelie: Person;
  let bob: Person;

  before(async () => {
    ctx = await createTestContext();
    amelie = await person(ctx.deps, "amelie", "Amélie Roux");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    await updatePreferences(ctx.deps, amelie.viewer, { locale: "fr" });
    await updatePreferences(ctx.deps, bob.viewer, { locale: "en" });
    await post(ctx.deps, amelie, { body: "Bonjour tout le monde" });
    await post(ctx.deps, bob, { body: "Hello everyone" });
  });
  after(() => ctx.close());

  const readers = async () => [
    new TestClient(ctx.app),
    new TestClient(ctx.app, { "Accept-Language": "fr-FR,fr;q=0.9" }),
    new TestClient(ctx.app, { "Accept-Language": "en-GB,en;q=0.9" }),
    await signedInClient(ctx, bob),
    await signedInClient(ctx, amelie),
  ];

  for (const file of ["feed.atom", "feed.rss"]) {
    it(`serves one ${file} to every reader, titled in the author's language`, async () => {
      for (const [who, title, lang] of [
        [amelie, "Amélie Roux (@amelie) sur Liens", "fr"],
        [bob, "Bob Durand (@bob) on Liens", "en"],
      ] as const) {
        const bodies = new Set<string>();
        for (const reader of await readers()) {
          const response = await reader.get(`/@${who.handle}/${file}`);
          assert.equal(response.status, 200);
          assert.match(response.headers.get("cache-control") ?? "", /public/);
          bodies.add(await response.text());
        }
        assert.equal(bodies.size, 1, `one ${file} of @${who.handle} for every reader`);
        const [body = ""] = bodies;
        assert.ok(body.includes(`<title>${title}</title>`), `titled "${title}"`);
        assert.ok(
          file === "feed.atom"
            ? body.includes(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`)
            : body.includes(`<language>${lang}</language>`),
          `says its language, ${lang}`,
        );
      }
    });
  }
});

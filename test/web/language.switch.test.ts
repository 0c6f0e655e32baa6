import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

/** The language switch: a member's choice saved to their account by a form, a visitor's in a cookie. */
describe("the language switch", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice" });
  });
  after(() => ctx.close());

  const accountLocale = async () =>
    (
      await ctx.deps.db
        .selectFrom("accounts")
        .select("locale")
        .where("actor_id", "=", alice.accountId)
        .executeTakeFirstOrThrow()
    ).locale;
  const lang = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

  /** A member whose account says English (as after saving their settings). */
  const english = async () => {
    const client = await signedInClient(ctx, alice, { "accept-language": "en" });
    assert.equal((await client.post("/settings/preferences", { locale: "en", timeZone: "" })).status, 303);
    return client;
  };

  it("is a form with a token for a member, which saves the language to the account and goes back", async () => {
    const client = await english();
    const page = await (await client.get("/search?q=x")).text();
    const form = /<form method="post" action="\/language" class="lang-switch"[^>]*>(.*?)<\/form>/s.exec(
      page,
    )?.[1];
    assert.ok(form, "the switch is a form posted to /language");
    assert.match(form, /name="_csrf" value="[^"]+"/);
    assert.match(form, /name="next" value="\/search\?q=x"/);
    assert.match(form, /name="locale" value="fr"/);

    const switched = await client.post("/language", { locale: "fr", next: "/search?q=x" });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get("location"), "/search?q=x");
    assert.equal(await accountLocale(), "fr");
    assert.equal(lang(await (await client.get("/search?q=x")).text()), "fr");
    assert.match(await (await client.get("/settings")).text(), /<option value="fr" selected="">/);
    // Another device of the same account follows the account.
    const other = await signedInClient(ctx, alice, { "accept-language": "en" });
    assert.equal(lang(await (await other.get("/")).text()), "fr");
    await client.post("/language", { locale: "en", next: "/" });
    assert.equal(await accountLocale(), "en");
  });

  it("refuses a member's switch sent without the form's token, and changes nothing", async () => {
    const client = await english();
    const forged = await client.request("/language", {
      method: "POST",
      body: new URLSearchParams({ locale: "fr", next: "/" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(forged.status, 403);
    assert.equal(await accountLocale(), "en");
  });

  it("asks a member who followed a language link to confirm with the form, changing nothing until then", async () => {
    const client = await english();
    const response = await client.get("/language?locale=fr&next=%2Fevents");
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.equal(await accountLocale(), "en", "a link changes no account");
    assert.equal(lang(page), "en");
    const main = page.slice(page.indexOf("<main"), page.indexOf("</main>"));
    assert.match(
      main,
      /<form method="post" action="\/language"><input type="hidden" name="_csrf" value="[^"]+"\/>/,
    );
    assert.match(main, /name="next" value="\/events"/);
    assert.match(main, /name="locale" value="fr"/);
    assert.match(main, /<button type="submit" lang="fr">Français<\/button>/);
    assert.match(main, /<a href="\/events">Back to the page<\/a>/);

    const confirmed = await client.post("/language", { locale: "fr", next: "/events" });
    assert.equal(confirmed.headers.get("location"), "/events");
    assert.equal(await accountLocale(), "fr");
    // The same link again: nothing to confirm, back to the page.
    const again = await client.get("/language?locale=fr&next=%2Fevents");
    assert.equal(again.status, 303);
    assert.equal(again.headers.get("location"), "/events");
    await client.post("/language", { locale: "en", next: "/" });
  });

  it("sends nobody to another site, and ignores an unknown language", async () => {
    const client = await english();
    for (const next of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const page = await (await client.get(`/language?locale=fr&next=${encodeURIComponent(next)}`)).text();
      assert.match(page, /name="next" value="\/"/, next);
      const posted = await client.post("/language", { locale: "en", next });
      assert.equal(posted.headers.get("location"), "/", next);
    }
    const unknown = await client.get("/language?locale=xx&next=%2Fevents");
    assert.equal(unknown.status, 303);
    assert.equal(await accountLocale(), "en");
  });

  it("keeps a visitor's link and cookie", async () => {
    const visitor = new TestClient(ctx.app);
    const page = await (await visitor.get("/signin")).text();
    assert.match(page, /<a class="lang-switch" href="\/language\?locale=fr&amp;next=%2Fsignin">/);
    const switched = await visitor.get("/language?locale=fr&next=%2Fsignin");
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get("location"), "/signin");
    assert.equal(lang(await (await visitor.get("/signin")).text()), "fr");
  });

  it("labels it as each language writes a label: a narrow no-break space before the French colon", async () => {
    const visitor = (language: string) => new TestClient(ctx.app, { "accept-language": language });
    const label = async (language: string) =>
      /<span class="visually-hidden">([^<]*)<\/span><span lang=/.exec(
        await (await visitor(language).get("/")).text(),
      )?.[1];
    assert.equal(await label("en"), "Change language: ");
    assert.equal(await label("fr"), "Changer de langue\u202f: ");
  });
});

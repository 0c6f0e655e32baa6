import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

const NOT_A_TAG = {
  en: "There is no such hashtag: a hashtag is made of letters, digits and underscores, such as #café.",
  fr: "Ce hashtag n’existe pas\u202f: un hashtag est fait de lettres, de chiffres et de tirets bas, comme #café.",
};

/** The hashtag links of a page. */
const tagLinks = (html: string) => [...html.matchAll(/href="(\/tags\/[^"]*)"/g)].map((m) => m[1] as string);

/** One address per hashtag: any other spelling of it is sent there, and every link goes there at once. */
describe("hashtag pages: one address each", () => {
  let ctx: TestContext;
  let alice: Person;
  let oldPost: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    await post(ctx.deps, alice, { body: "Un #Café au port, #日本 ensuite" });
    // A post whose stored tree was written before tag keys were folded: it still says "café".
    oldPost = await post(ctx.deps, alice, { body: "Ancien #Café crème" });
    const ast = [
      [
        { kind: "text", text: "Ancien " },
        { kind: "hashtag", tag: "café", text: "#Café" },
        { kind: "text", text: " crème" },
      ],
    ];
    await ctx.deps.db
      .updateTable("posts")
      .set({ body_ast: JSON.stringify(ast) })
      .where("id", "=", oldPost)
      .execute();
  });
  after(() => ctx.close());

  it("sends a pasted #, accents and capitals to the tag's one address, keeping the page asked for", async () => {
    const client = new TestClient(ctx.app);
    for (const [path, location] of [
      ["/tags/%23cafe", "/tags/cafe"],
      ["/tags/%23%23Caf%C3%A9", "/tags/cafe"],
      ["/tags/caf%C3%A9", "/tags/cafe"],
      [
        "/tags/CAFE?before=2024-01-01T00%3A00%3A00.000Z_abc",
        "/tags/cafe?before=2024-01-01T00%3A00%3A00.000Z_abc",
      ],
      ["/tags/%23%E6%97%A5%E6%9C%AC", "/tags/%E6%97%A5%E6%9C%AC"],
    ] as const) {
      const response = await client.get(path);
      assert.equal(response.status, 301, path);
      assert.equal(response.headers.get("location"), location, path);
    }
    for (const path of ["/tags/cafe", "/tags/%E6%97%A5%E6%9C%AC"]) {
      const response = await client.get(path);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /au port/, path);
    }
  });

  it("answers an address that holds no hashtag with a page saying so, in both languages", async () => {
    for (const [lang, client] of [
      ["en", new TestClient(ctx.app)],
      ["fr", new TestClient(ctx.app, { "accept-language": "fr" })],
    ] as const) {
      for (const path of ["/tags/%23", "/tags/%23%23%23", "/tags/!!!", "/tags/%23!!!", "/tags/%23%20"]) {
        const response = await client.get(path);
        assert.equal(response.status, 404, path);
        assert.ok((await response.text()).includes(NOT_A_TAG[lang]), `${lang} ${path}`);
      }
    }
  });

  it("links every hashtag to its one address, from posts old and new, search and the tag's page", async () => {
    const member = await signedInClient(ctx, alice);
    const pages = [
      "/timelines/public",
      "/tags/cafe",
      `/@alice/posts/${oldPost}`,
      "/search?q=caf",
      "/search?q=Caf%C3%A9",
    ];
    const links = new Set<string>();
    for (const client of [new TestClient(ctx.app), member]) {
      for (const path of pages) {
        const response = await client.get(path);
        assert.equal(response.status, 200, path);
        const found = tagLinks(await response.text());
        assert.ok(found.length > 0, path);
        for (const link of found) links.add(link);
      }
    }
    assert.deepEqual([...links].sort(), ["/tags/cafe", "/tags/%E6%97%A5%E6%9C%AC"].sort());
    for (const link of links) assert.equal((await member.get(link)).status, 200, link);
    // The API names each tag by its key, and links it there too.
    const api = (await (await member.get("/api/v1/timelines/home")).json()) as {
      tags: { name: string; url: string }[];
    }[];
    const tags = api.flatMap((status) =>
      status.tags.map((tag) => `${tag.name} ${new URL(tag.url).pathname}`),
    );
    assert.deepEqual(tags.sort(), ["cafe /tags/cafe", "cafe /tags/cafe", "日本 /tags/%E6%97%A5%E6%9C%AC"]);
  });

  it("watches the tag's new posts under its one key, whatever address led to the page", async () => {
    const member = await signedInClient(ctx, alice);
    const sent = await member.get("/tags/%23Caf%C3%A9");
    const location = sent.headers.get("location") ?? "";
    assert.equal(location, "/tags/cafe");
    const html = await (await member.get(location)).text();
    assert.match(html, /data-live-tag="cafe"/);
    assert.match(html, /<a href="\/tags\/cafe" id="new-posts" hidden/);
  });
});

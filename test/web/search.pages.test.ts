import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person, post } from "../services/posts.fixtures.ts";

/** What a search page shows: the numbers of the notes found, the people's handles, "More results". */
function read(html: string) {
  const people = html.includes('id="search-people"')
    ? html.slice(html.indexOf('id="search-people"'), html.indexOf('id="search-posts"') >>> 0)
    : "";
  const more = (section: string) =>
    new RegExp(`<a href="([^"]+)" rel="next" aria-describedby="search-${section}">([^<]+)</a>`)
      .exec(html)
      ?.slice(1)
      .map((s) => s.replace(/&amp;/g, "&")) ?? null;
  return {
    notes: [...html.matchAll(/Lantern note (\d+)\b/g)].map((m) => Number(m[1])),
    people: [...people.matchAll(/href="\/@(\w+)"/g)].map((m) => m[1] as string),
    morePosts: more("posts"),
    morePeople: more("people"),
    hasPostsSection: html.includes('id="search-posts"'),
    hasPeopleSection: html.includes('id="search-people"'),
    hasHashtagsSection: html.includes('id="search-hashtags"'),
  };
}

/** Every page of one section, following "More results" from the first page of the search. */
async function everyPage(client: TestClient, section: "posts" | "people") {
  const pages: ReturnType<typeof read>[] = [];
  let page = read(await (await client.get("/search?q=lantern")).text());
  pages.push(page);
  for (;;) {
    const more = section === "posts" ? page.morePosts : page.morePeople;
    if (!more) return pages;
    assert.ok(pages.length < 10, "pages end");
    page = read(await (await client.get(more[0] as string)).text());
    pages.push(page);
  }
}

describe("search: more results than a page", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let dan: Person;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    bob = await person(ctx.deps, "bob", "Bob");
    dan = await person(ctx.deps, "dan", "Dan");
    await connect(ctx.deps, alice, bob);
    // 45 notes: every third for Alice's connections only.
    for (let i = 0; i < 45; i++)
      await post(ctx.deps, alice, {
        body: `Lantern note ${i}`,
        visibility: i % 3 === 0 ? "connections" : "public",
      });
    // 12 people found by name, 2 more by a public profile tag.
    for (let i = 0; i < 12; i++) await person(ctx.deps, `keeper${i}`, `Lantern Keeper ${i}`);
    for (const handle of ["tagged_a", "tagged_b"]) {
      const tagged = await person(ctx.deps, handle, handle);
      await ctx.deps.db
        .insertInto("profile_tags")
        .values({ actor_id: tagged.accountId, tag: "lantern" })
        .execute();
    }
  });
  after(() => ctx.close());

  it("pages through posts, newest first, each once, only those the viewer may see", async () => {
    const expected = (maySeeConnections: boolean) =>
      Array.from({ length: 45 }, (_, i) => 44 - i).filter((i) => maySeeConnections || i % 3 !== 0);
    for (const [client, connected, sizes] of [
      [await signedInClient(ctx, bob), true, [20, 20, 5]],
      [await signedInClient(ctx, dan), false, [20, 10]],
      [new TestClient(ctx.app), false, [20, 10]],
    ] as const) {
      const pages = await everyPage(client, "posts");
      assert.deepEqual(
        pages.map((p) => p.notes.length),
        sizes,
      );
      assert.deepEqual(
        pages.flatMap((p) => p.notes),
        expected(connected),
      );
      // The first page has every section; the next ones only the posts, with the way back.
      assert.ok(pages[0]?.hasPeopleSection && pages[0]?.hasHashtagsSection);
      for (const later of pages.slice(1)) {
        assert.ok(later.hasPostsSection && !later.hasPeopleSection && !later.hasHashtagsSection);
      }
      assert.equal(pages[0]?.morePosts?.[1], "More results");
    }
  });

  it("pages through people: those found by name, then those by a public tag", async () => {
    const pages = await everyPage(new TestClient(ctx.app), "people");
    assert.deepEqual(
      pages.map((p) => p.people.length),
      [10, 4],
    );
    const handles = pages.flatMap((p) => p.people);
    assert.equal(new Set(handles).size, 14);
    assert.deepEqual(handles.slice(12).sort(), ["tagged_a", "tagged_b"]);
    assert.ok(!pages[1]?.hasPostsSection);
  });

  it("says it in French, and takes a cursor it did not write for the first page", async () => {
    const french = new TestClient(ctx.app, { "accept-language": "fr" });
    const page = read(await (await french.get("/search?q=lantern")).text());
    assert.equal(page.morePosts?.[1], "Plus de résultats");
    assert.equal(page.morePeople?.[1], "Plus de résultats");
    const html = await (await french.get(page.morePosts?.[0] as string)).text();
    assert.match(html, /Tous les résultats pour «\u202flantern\u202f»/);
    const forged = read(
      await (await french.get("/search?q=lantern&section=posts&after=1%20or%201=1")).text(),
    );
    assert.equal(forged.notes[0], 44);
  });

  it("shows a later page as one, ending with the way back to the first results, in both languages", async () => {
    /** A section's heading, and the links of the pager that ends it (none on a first page). */
    const ending = (html: string, section: "posts" | "people") => {
      const at = html.indexOf(`id="search-${section}"`);
      const part = html.slice(at, html.indexOf("</section>", at));
      const pager = /<nav aria-label="([^"]+)" class="pager">(.*?)<\/nav>/.exec(part);
      return {
        heading: /^id="[^"]+">([^<]+)</.exec(part)?.[1],
        pager: pager
          ? [pager[1], ...[...(pager[2] ?? "").matchAll(/<a href="([^"]+)"[^>]*>([^<]+)</g)].map((m) => m[2])]
          : null,
        first: pager ? /<a href="([^"]+)">/.exec(pager[2] ?? "")?.[1] : null,
      };
    };
    const bobClient = await signedInClient(ctx, bob);
    for (const [client, w] of [
      [
        bobClient,
        {
          posts: "Posts",
          later: "Posts (continued)",
          people: "People (continued)",
          pagesOfPosts: "Pages of posts found",
          pagesOfPeople: "Pages of people found",
          first: "First results",
          more: "More results",
        },
      ],
      [
        new TestClient(ctx.app, { "accept-language": "fr" }),
        {
          posts: "Publications",
          later: "Publications (suite)",
          people: "Personnes (suite)",
          pagesOfPosts: "Pages de publications trouvées",
          pagesOfPeople: "Pages de personnes trouvées",
          first: "Premiers résultats",
          more: "Plus de résultats",
        },
      ],
    ] as const) {
      const firstHtml = await (await client.get("/search?q=lantern")).text();
      assert.deepEqual(ending(firstHtml, "posts"), { heading: w.posts, pager: null, first: null });
      const first = read(firstHtml);
      // Bob sees 45 notes (3 pages), the French visitor 30 (2 pages): "More results" on page 2 or not.
      const second = await (await client.get(first.morePosts?.[0] as string)).text();
      const more = client === bobClient ? [w.more] : [];
      assert.deepEqual(ending(second, "posts"), {
        heading: w.later,
        pager: [w.pagesOfPosts, w.first, ...more],
        first: "/search?q=lantern",
      });
      const people = await (await client.get(first.morePeople?.[0] as string)).text();
      assert.deepEqual(ending(people, "people"), {
        heading: w.people,
        pager: [w.pagesOfPeople, w.first],
        first: "/search?q=lantern",
      });
    }
  });
});

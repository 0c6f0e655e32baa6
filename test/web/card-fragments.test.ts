import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatters, translator } from "../../src/i18n/index.ts";
import type { Viewer } from "../../src/services/deps.ts";
import type { PostCard } from "../../src/services/posts/cards.ts";
import type { PageContext } from "../../src/web/page-context.ts";
import { cachedCard } from "../../src/web/views/card-fragments.ts";
import { PostCardView } from "../../src/web/views/post-card.tsx";

const viewer: Viewer = {
  accountId: "01900000-0000-7000-8000-000000000001",
  sessionId: "s",
  handle: "ada",
  displayName: "Ada",
  role: "member",
  locale: "en",
  timeZone: "Europe/Paris",
};

function context(overrides: Partial<PageContext> = {}): PageContext {
  return {
    t: translator("en"),
    locale: "en",
    fmt: formatters("en", "Europe/Paris"),
    dates: "en",
    viewer,
    csrf: "token-one",
    counts: null,
    path: "/@grace",
    instanceName: "Liens",
    ...overrides,
  };
}

function card(overrides: Partial<PostCard> = {}): PostCard {
  const id = "01900000-0000-7000-8000-00000000c0de";
  return {
    id,
    author: {
      id: "01900000-0000-7000-8000-000000000002",
      handle: "grace",
      displayName: "Grace",
      avatarKey: null,
    },
    astJson: JSON.stringify([[{ kind: "text", text: "Hello <world> & friends" }]]),
    body: "Hello <world> & friends",
    visibility: "public",
    rootId: null,
    parentId: null,
    eventId: null,
    commentsClosed: false,
    replyCount: 2,
    reactionCount: 3,
    boostCount: 1,
    reactions: [{ key: "like", count: 3 }],
    createdAt: "2026-03-02T09:00:00.000Z",
    editedAt: null,
    viewerReaction: null,
    viewerBoosted: false,
    viewerBookmarked: false,
    own: false,
    boostable: true,
    media: [],
    poll: null,
    url: `/@grace/posts/${id}`,
    deleted: false,
    ...overrides,
  };
}

const html = (ctx: PageContext, c: PostCard, next?: string) => String(PostCardView({ ctx, card: c, next }));
/** The same card drawn without the cache: a footer turns it off. */
const uncached = (ctx: PageContext, c: PostCard, next?: string) =>
  String(PostCardView({ ctx, card: c, next, footer: null }));

describe("kept post cards", () => {
  it("are exactly what drawing the card gives, with each request's own token and return path", () => {
    const first = html(context(), card());
    assert.equal(first, uncached(context(), card()));
    assert.match(first, /value="token-one"/);
    assert.match(first, /Hello &lt;world&gt; &amp; friends/);

    const other = context({ csrf: "token-two", path: '/?before=a&b="c"' });
    const second = html(other, card());
    assert.equal(second, uncached(other, card()));
    assert.match(second, /value="token-two"/);
    assert.doesNotMatch(second, /token-one/);
    assert.match(second, /name="next" value="\/\?before=a&amp;b=&quot;c&quot;"/);
    assert.equal(html(context(), card(), "/elsewhere"), uncached(context(), card(), "/elsewhere"));
  });

  it("are drawn once for every viewer who sees them the same way", () => {
    let draws = 0;
    const draw = (marked: PageContext) => {
      draws++;
      return `<p data-next="${marked.path}">${marked.csrf}</p>`;
    };
    const shared = card({ id: "01900000-0000-7000-8000-0000000000aa" });
    assert.equal(
      String(cachedCard(context(), shared, "2", undefined, draw)),
      '<p data-next="/@grace">token-one</p>',
    );
    const other = context({ csrf: "token-two", path: "/", viewer: { ...viewer, accountId: "b" } });
    assert.equal(String(cachedCard(other, shared, "2", undefined, draw)), '<p data-next="/">token-two</p>');
    assert.equal(draws, 1);
    cachedCard(context(), { ...shared, replyCount: 9 }, "2", undefined, draw);
    cachedCard(context(), { ...shared, replyCount: 9, viewerBookmarked: true }, "2", undefined, draw);
    assert.equal(draws, 3);
  });

  it("are drawn again when anything they show changes", () => {
    const before = html(context(), card());
    const changes: Partial<PostCard>[] = [
      { reactionCount: 4, reactions: [{ key: "like", count: 4 }] },
      { reactions: [{ key: "love", count: 3 }] },
      { replyCount: 3 },
      { boostCount: 2 },
      {
        body: "Edited",
        astJson: JSON.stringify([[{ kind: "text", text: "Edited" }]]),
        editedAt: "2026-03-02T10:00:00.000Z",
      },
      { author: { ...card().author, displayName: "Grace H." } },
      { commentsClosed: true },
    ];
    for (const change of changes) {
      const after = html(context(), card(change));
      assert.notEqual(after, before, JSON.stringify(change));
      assert.equal(after, uncached(context(), card(change)));
    }
  });

  it("keep one viewer's reaction, boost and bookmark away from another viewer", () => {
    const mine = html(
      context(),
      card({ viewerReaction: "like", viewerBoosted: true, viewerBookmarked: true }),
    );
    assert.match(mine, /reaction reaction-mine/);
    const theirs = html(context({ viewer: { ...viewer, accountId: "someone-else" } }), card());
    assert.doesNotMatch(theirs, /reaction-mine/);
    assert.equal(theirs, uncached(context(), card()));
  });

  it("differ by language, way of writing dates and time zone, and show counts only to visitors (no form, no token read)", () => {
    const fr = context({
      locale: "fr",
      t: translator("fr"),
      fmt: formatters("fr", "Europe/Paris"),
      dates: "fr",
    });
    assert.equal(html(fr, card()), uncached(fr, card()));
    assert.notEqual(html(fr, card()), html(context(), card()));
    const british = context({ fmt: formatters("en-GB", "Europe/Paris"), dates: "en-GB" });
    assert.equal(html(british, card()), uncached(british, card()));
    assert.notEqual(html(british, card()), html(context(), card()));
    const tokyo = context({
      viewer: { ...viewer, timeZone: "Asia/Tokyo" },
      fmt: formatters("en", "Asia/Tokyo"),
    });
    assert.equal(html(tokyo, card()), uncached(tokyo, card()));
    let tokenRead = false;
    const visitor = {
      ...context({ viewer: null }),
      get csrf() {
        tokenRead = true;
        return "never";
      },
    };
    const anonymous = html(visitor, card());
    assert.doesNotMatch(anonymous, /<form/);
    assert.equal(tokenRead, false);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RelationName, VISIBILITIES, type Visibility } from "../../src/domain/posts/visibility.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { EXPECTED, post, type World, world } from "../services/posts.fixtures.ts";
import { RELATION_NAMES_FOR_TEST } from "./timelines.relations.ts";

/**
 * Issue 4's visibility table on the timelines' surfaces: every visibility × every relation × home,
 * connections, public and hashtag timelines, search and the JSON API, over HTTP. Alice writes one post
 * per visibility, each mentioning Mia, with its own hashtag and its own searchable word.
 */

type Surface = "home" | "connections" | "public" | "hashtag" | "search" | "api";
const SURFACES: Surface[] = ["home", "connections", "public", "hashtag", "search", "api"];

/** Whether a surface lists a post the viewer may see, for this relation and visibility. */
function expected(surface: Surface, relation: RelationName, visibility: Visibility): boolean {
  const sees = EXPECTED[visibility][relation];
  switch (surface) {
    // Home: posts of people one follows or is connected with (and one's own).
    case "home":
    case "api":
      return sees && ["author", "connection", "follower"].includes(relation);
    case "connections":
      return sees && relation === "connection";
    case "public":
      return sees && visibility === "public";
    case "hashtag":
    case "search":
      return sees;
  }
}

function path(surface: Surface, visibility: Visibility): string {
  switch (surface) {
    case "home":
      return "/";
    case "api":
      return "/api/v1/timelines/home";
    case "connections":
      return "/timelines/connections";
    case "public":
      return "/timelines/public";
    case "hashtag":
      return `/tags/tag${visibility}`;
    case "search":
      return `/search?q=${visibility}word`;
  }
}

describe("timelines, search and the JSON API: who sees which post", () => {
  let ctx: TestContext;
  let w: World;
  const clients = new Map<RelationName, TestClient>();
  const ids = new Map<Visibility, string>();
  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    for (const relation of RELATION_NAMES_FOR_TEST) {
      const who = w.as[relation];
      const client = who ? await signedInClient(ctx, who) : new TestClient(ctx.app);
      clients.set(relation, client);
      // Opening the home page once queues the build of its owner's timeline, which makes them active:
      // the fan-out writes to their timeline.
      await client.get("/");
    }
    ctx.clock.advance(1000);
    await drainJobs(ctx.deps);
    for (const visibility of VISIBILITIES) {
      ids.set(
        visibility,
        await post(ctx.deps, w.alice, {
          body: `Note ${visibility}word #tag${visibility} for @mia`,
          visibility,
        }),
      );
    }
    await drainJobs(ctx.deps);
  });
  after(() => ctx.close());

  for (const surface of SURFACES) {
    for (const relation of RELATION_NAMES_FOR_TEST) {
      it(`${surface} × ${relation}`, async () => {
        const client = clients.get(relation) as TestClient;
        for (const visibility of VISIBILITIES) {
          const id = ids.get(visibility) as string;
          const response = await client.get(path(surface, visibility));
          if (
            relation === "anonymous" &&
            (surface === "home" || surface === "connections" || surface === "api")
          ) {
            // Visitors get the landing page, a sign-in redirect, or a 401: never a post.
            assert.ok([200, 303, 401].includes(response.status), `${response.status}`);
            assert.ok(!(await response.text()).includes(id));
            continue;
          }
          assert.equal(response.status, 200, `${surface} ${visibility} answered ${response.status}`);
          const body = await response.text();
          const listed =
            surface === "api"
              ? (JSON.parse(body) as { id: string }[]).some((s) => s.id === id)
              : body.includes(`id="post-${id}"`);
          assert.equal(
            listed,
            expected(surface, relation, visibility),
            `${surface} × ${relation} × ${visibility}`,
          );
        }
      });
    }
  }
});

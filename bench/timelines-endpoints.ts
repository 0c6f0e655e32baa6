import type { Endpoint } from "./endpoints.ts";
import { SEARCH_WORD } from "./generate-posts.ts";

/** Issue 4's endpoints (run.ts loads them after ENDPOINTS): the home timeline as HTML and JSON, search. */
export const TIMELINE_ENDPOINTS: Endpoint[] = [
  {
    name: "home",
    description: "GET /, the viewer's home timeline (20 posts with authors, reactions, counts) and composer",
    path: () => "/",
    signedIn: true,
    expectStatus: 200,
    expectBody: () => 'class="post card"',
    minRatio: 0.1,
    maxP99Ms: 20,
  },
  {
    name: "home-json",
    description: "GET /api/v1/timelines/home, the same page as Mastodon-style JSON",
    path: () => "/api/v1/timelines/home",
    signedIn: true,
    expectStatus: 200,
    expectBody: () => '"favourites_count"',
    minRatio: 0.15,
  },
  {
    name: "search",
    description: `GET /search?q=${SEARCH_WORD}, people, posts (full text) and hashtags, signed in`,
    path: () => `/search?q=${SEARCH_WORD}`,
    signedIn: true,
    expectStatus: 200,
    minRatio: 0,
    maxP99Ms: 50,
    connections: 10,
  },
  {
    name: "timeline-public",
    description: "GET /timelines/public, anonymous",
    path: () => "/timelines/public",
    signedIn: false,
    expectStatus: 200,
    minRatio: 0,
  },
];

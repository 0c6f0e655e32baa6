/**
 * The endpoints `npm run bench` loads, with their budgets (DESIGN.md §9). A later issue adds a row here:
 * a name (for `--only`), the path, whether the request carries the viewer's session cookie, the status
 * to expect, and the budget as a fraction of the bare Hono "hello world" req/s (plus an optional p99).
 */
export interface BenchTargets {
  /** The most followed generated account. */
  popularHandle: string;
  /** A member who follows it; the signed-in requests use their session. */
  viewerHandle: string;
  /** The viewer's biggest conversation (the most recent one, first in their inbox). */
  conversationId: string;
  /** The person on the other side of it. */
  conversationWithHandle: string;
}

export interface Endpoint {
  name: string;
  description: string;
  path: (t: BenchTargets) => string;
  signedIn: boolean;
  expectStatus: number;
  /** Optional check of a probe response's body (run once before loading). */
  expectBody?: (t: BenchTargets) => string;
  /** Budget: at least this fraction of the interleaved hello-world req/s (0: informational only). */
  minRatio: number;
  /** Budget: median p99 latency under load, in ms. */
  maxP99Ms?: number;
  /**
   * Concurrent connections for this endpoint instead of `--connections`: a page that takes tens of
   * ms would otherwise keep 50 requests in flight together, all finishing after the run has ended.
   */
  connections?: number;
}

export const ENDPOINTS: Endpoint[] = [
  {
    name: "health",
    description: "GET /health, anonymous (full middleware stack, no session lookup)",
    path: () => "/health",
    signedIn: false,
    expectStatus: 200,
    minRatio: 0.85,
  },
  {
    name: "health-session",
    description: "GET /health with a valid session cookie (session lookup)",
    path: () => "/health",
    signedIn: true,
    expectStatus: 200,
    minRatio: 0.85,
  },
  {
    name: "signin",
    description: "GET /signin, anonymous (rendered static form)",
    path: () => "/signin",
    signedIn: false,
    expectStatus: 200,
    expectBody: () => 'name="password"',
    minRatio: 0.5,
  },
  {
    name: "profile",
    description: "GET /@<most followed>, anonymous",
    path: (t) => `/@${t.popularHandle}`,
    signedIn: false,
    expectStatus: 200,
    expectBody: (t) => `@${t.popularHandle}`,
    minRatio: 0.25,
    maxP99Ms: 15,
  },
  {
    name: "profile-viewer",
    description: "GET /@<most followed>, signed in as a follower",
    path: (t) => `/@${t.popularHandle}`,
    signedIn: true,
    expectStatus: 200,
    expectBody: (t) => `@${t.popularHandle}`,
    minRatio: 0.2,
  },
  {
    name: "messages",
    description: "GET /messages, the viewer's inbox (200 conversations), signed in",
    path: () => "/messages",
    signedIn: true,
    expectStatus: 200,
    expectBody: (t) => `/messages/${t.conversationId}`,
    minRatio: 0.15,
  },
  {
    name: "messages-thread",
    description: "GET /messages/<id>, the viewer's biggest conversation (600 messages, newest 40 shown)",
    path: (t) => `/messages/${t.conversationId}`,
    signedIn: true,
    expectStatus: 200,
    expectBody: (t) => `@${t.conversationWithHandle}`,
    minRatio: 0.15,
  },
  {
    name: "network",
    description: "GET /network, signed in as the viewer (1,000 connections): people you may know",
    path: () => "/network",
    signedIn: true,
    expectStatus: 200,
    minRatio: 0,
    connections: 4,
  },
];

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { onEnqueue } from "../jobs/queue.ts";
import { type BadgeCounts, badgeCounts } from "../notifications/badges.ts";
import { countNewPosts, type TimelineWatch } from "../timelines/new-posts.ts";

/** What a signed-in page shows live: the navigation's unread counts and its timeline's new posts. */
export interface LiveCounts {
  notifications: number;
  messages: number;
  /** Posts newer than the page's top one (null when the page has no timeline). */
  newPosts: number | null;
}

type Listener = (counts: LiveCounts) => void;

interface Subscription {
  accountId: string;
  /** The timeline the page shows and its top entry. */
  watch: TimelineWatch | null;
  listener: Listener;
  last: LiveCounts | null;
}

/** How often the database is asked, for every open page of this process at once. */
export const POLL_MS = 2000;
/** After a job is enqueued here (a post's fan-out…), look again this soon. */
const NUDGE_MS = 250;

/**
 * One per database and process: every open live connection (server-sent events) subscribes here, and
 * one timer asks the database for all of them — a few indexed counts per signed-in person every
 * POLL_MS, sent only when they change. Polling the database is what makes it work across processes
 * (another web process or a separate worker wrote the notification); an idle connection costs no
 * timer of its own, and with no connection open there is no timer at all.
 */
export class LiveHub {
  private readonly subscriptions = new Set<Subscription>();
  private timer: NodeJS.Timeout | null = null;
  private nudge: NodeJS.Timeout | null = null;
  private running = false;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs = POLL_MS,
  ) {}

  get size(): number {
    return this.subscriptions.size;
  }

  /** Sends the current counts at once, then whenever they change; returns the unsubscribe function. */
  subscribe(accountId: string, watch: TimelineWatch | null, listener: Listener): () => void {
    const subscription: Subscription = { accountId, watch, listener, last: null };
    this.subscriptions.add(subscription);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.pollMs);
      this.timer.unref();
      this.unlisten = onEnqueue(() => this.soon());
    }
    void this.poll([subscription]);
    return () => {
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0) this.stop();
    };
  }

  /** Looks again shortly (something happened in this process). */
  soon(): void {
    if (this.nudge || this.subscriptions.size === 0) return;
    this.nudge = setTimeout(() => {
      this.nudge = null;
      void this.poll();
    }, NUDGE_MS);
    this.nudge.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.nudge) clearTimeout(this.nudge);
    this.unlisten?.();
    this.timer = null;
    this.nudge = null;
    this.unlisten = null;
  }

  private async poll(only?: Subscription[]): Promise<void> {
    if (!only && this.running) return;
    if (!only) this.running = true;
    try {
      const targets = only ?? [...this.subscriptions];
      // The counts of one person are asked once, however many pages they have open.
      const perAccount = new Map<string, Promise<BadgeCounts>>();
      for (const s of targets) {
        if (!perAccount.has(s.accountId)) perAccount.set(s.accountId, badgeCounts(this.db, s.accountId));
      }
      await Promise.all(
        targets.map(async (s) => {
          const { notifications, messages } = await (perAccount.get(s.accountId) as Promise<BadgeCounts>);
          const newPosts = s.watch === null ? null : await countNewPosts(this.db, s.accountId, s.watch);
          const counts = { notifications, messages, newPosts };
          const last = s.last;
          if (
            last &&
            last.notifications === notifications &&
            last.messages === messages &&
            last.newPosts === newPosts
          )
            return;
          s.last = counts;
          if (this.subscriptions.has(s)) s.listener(counts);
        }),
      );
    } catch {
      // A failed poll (the database busy, closing) is retried at the next tick.
    } finally {
      if (!only) this.running = false;
    }
  }
}

const hubs = new WeakMap<Kysely<Database>, LiveHub>();

export function liveHub(db: Kysely<Database>): LiveHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new LiveHub(db);
    hubs.set(db, hub);
  }
  return hub;
}

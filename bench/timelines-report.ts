/** bench/timelines.ts's section of bench/results.md: the strategy comparison and issue 4's in-process budgets. */
import { HELLO_LOAD_TOOL, REFERENCE_HELLO_RPS } from "./hello-reference.ts";

export const TIMELINES_HEADING = "## Timelines (bench/timelines.ts)";

interface Stats {
  p50: number;
  p99: number;
}

/** One posting run: its request latencies' p50 and p99 (ms), and p99 ÷ p50. */
export interface PostingRun extends Stats {
  ratio: number;
}

/** Several runs: the median of each figure, and every run's ratio. */
export interface PostingFigures extends PostingRun {
  ratios: number[];
}

export interface TimelinesResult {
  /** Hello world's requests per second on this machine, in the same run (the median of its runs). */
  helloRps: number;
  accounts: number;
  posts: number;
  timelineRows: number;
  activeAccounts: number;
  fetch: { table: Stats; tableSample: Stats; onRead: Stats; onReadSample: Stats };
  rebuild: Stats & { entries: number };
  /** A returning person's first home page: computed from the posts, the rebuild queued. */
  firstPage: Stats;
  fanout: {
    recipients: number;
    msPerPost: number;
    perFollowerUs: number;
    /** Posts waiting together, fanned out in one pass (the job runner's batch). */
    batch: { posts: number; entries: number; ms: number; perEntryUs: number };
  };
  posting: { inline: PostingFigures; separate: PostingFigures; followers: number };
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (pass: boolean) => (pass ? "✅ pass" : "❌ FAIL");

export function timelinesMarkdown(r: TimelinesResult, when: string, code: string): string {
  // The budgets are ratios to hello world in the same run, set in µs and ms on a machine where
  // it served REFERENCE_HELLO_RPS: on this one, each is as much longer as hello world is slower.
  const scale = REFERENCE_HELLO_RPS / r.helloRps;
  const budget = (reference: number, unit: (value: number) => string) =>
    `≤ ${unit(reference)} (here ${unit(reference * scale)})`;
  const usBudget = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} µs`;
  const msBudget = (value: number) => `${value.toFixed(1)} ms`;
  const posting = (label: string, s: PostingFigures) =>
    `| posting as an account with ${r.posting.followers.toLocaleString("en-US")} followers, ${label}, median of ${s.ratios.length} runs (ratios ${s.ratios.map((x) => x.toFixed(2)).join(", ")}): p50 / p99, p99 ÷ p50 | ${ms(s.p50)} / ${ms(s.p99)}, **${s.ratio.toFixed(2)}** | ≤ 3, p99 < 50 ms (here ${msBudget(50 * scale)}) | ${verdict(s.ratio <= 3 && s.p99 < 50 * scale)} |`;
  return `Measured ${when} on ${code}: ${r.accounts.toLocaleString("en-US")} accounts, ${r.posts.toLocaleString("en-US")} posts,
${r.timelineRows.toLocaleString("en-US")} stored timeline entries for the ${r.activeAccounts.toLocaleString("en-US")} active accounts, on a copy held in the
OS page cache. In process with the app's own code and the server's database settings (bench/timelines.ts);
posting over HTTP against \`liens serve\` on both cores, jobs inline and with a separate \`liens worker\`, runs alternating.
Hello world served **${Math.round(r.helloRps).toLocaleString("en-US")} requests/s** in the same run (${HELLO_LOAD_TOOL}, 3 runs of 5 s, pinned as bench/run.ts pins; the
issue's budgets were set where it served ${REFERENCE_HELLO_RPS.toLocaleString("en-US")}): each budget below is also given for this machine, ${scale.toFixed(2)} times the reference's.

**Strategy.** A page of home timeline (21 entries) read from the per-person table against the same page
computed from the posts of the people followed (fan-out on read), for the viewer (1,000 connections) and
for 200 active accounts: the table is kept.

| Figure | Per-person table | Fan-out on read |
|---|---:|---:|
| the viewer, p50 / p99 | ${us(r.fetch.table.p50)} / ${us(r.fetch.table.p99)} | ${us(r.fetch.onRead.p50)} / ${us(r.fetch.onRead.p99)} |
| 200 active accounts, p50 / p99 | ${us(r.fetch.tableSample.p50)} / ${us(r.fetch.tableSample.p99)} | ${us(r.fetch.onReadSample.p50)} / ${us(r.fetch.onReadSample.p99)} |

| Figure | Measured | Budget | Result |
|---|---:|---|---|
| timeline data fetch in process (the viewer), p99 | **${us(r.fetch.table.p99)}** | ${budget(100, usBudget)} | ${verdict(r.fetch.table.p99 <= 0.1 * scale)} |
| rebuilding a returning person's timeline in a job, emptied by the trim (${Math.round(r.rebuild.entries)} entries written), p50 / p99 | ${ms(r.rebuild.p50)} / **${ms(r.rebuild.p99)}** | ${budget(5, msBudget)} | ${verdict(r.rebuild.p99 <= 5 * scale)} |
| a returning person's first home page (20 entries from the posts, the rebuild above queued), p50 / p99 | ${ms(r.firstPage.p50)} / ${ms(r.firstPage.p99)} | — | ℹ️ measured |
| fan-out per follower, one post at a time (${r.fanout.recipients.toLocaleString("en-US")} recipients, ${Math.round(r.fanout.msPerPost)} ms a post) | **${r.fanout.perFollowerUs.toFixed(1)} µs** | ${budget(15, usBudget)} | ${verdict(r.fanout.perFollowerUs <= 15 * scale)} |
| fan-out per follower, ${r.fanout.batch.posts} waiting posts together (${r.fanout.batch.entries.toLocaleString("en-US")} entries, ${Math.round(r.fanout.batch.ms)} ms) | **${r.fanout.batch.perEntryUs.toFixed(1)} µs** | ${budget(15, usBudget)} | ${verdict(r.fanout.batch.perEntryUs <= 15 * scale)} |
${posting("jobs inline", r.posting.inline)}
${posting("separate worker", r.posting.separate)}
`;
}

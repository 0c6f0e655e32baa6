import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { timeOf } from "../../src/services/timelines/entries.ts";
import { windowed } from "../../src/services/timelines/windows.ts";

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 27);

/** Ids made at `days` days before NOW, newest first. */
const idsAt = (days: number[]) =>
  days
    .map((d) => uuidv7({ msecs: NOW - d * DAY_MS }))
    .sort()
    .reverse();

/**
 * Reads the newest `wanted` rows of the people followed (`ours`) from windows over an instance whose
 * rows are `ours` and `others`, as homeOnRead does; counts the reads.
 */
async function read(ours: string[], others: string[], wanted: number, firstWindowMs: number | null = null) {
  const everything = [...ours, ...others].sort();
  const batch = Math.max(Math.ceil(wanted * 1.25), 40);
  const taken: string[] = [];
  let reads = 0;
  const windows: (string | null)[] = [];
  await windowed(
    {
      newest: everything[everything.length - 1] ?? null,
      oldest: everything[0] ?? null,
      newestBelow: async (id) => everything.filter((x) => x < id).pop() ?? null,
      before: null,
      firstWindowMs,
    },
    batch,
    async (hi, lo) => {
      reads += 1;
      windows.push(lo);
      return ours
        .filter((id) => (hi === null || id < hi) && (lo === null || id >= lo))
        .slice(0, batch)
        .map((id) => ({ id }));
    },
    async (rows) => {
      taken.push(...rows.map((r) => r.id));
    },
    () => taken.length,
    wanted,
  );
  return { taken: taken.slice(0, wanted), reads, windows };
}

describe("on-read windows", () => {
  it("finds the newest rows of people quiet for a year while others wrote, in few reads", async () => {
    const ours = idsAt(Array.from({ length: 60 }, (_, i) => 400 + i));
    const others = idsAt(Array.from({ length: 200 }, (_, i) => i / 20));
    const { taken, reads } = await read(ours, others, 21);
    assert.deepEqual(taken, ours.slice(0, 21));
    // An empty week, then the windows go on from the newest row older than it: not 7, 28, 112... days.
    assert.ok(reads <= 3, `${reads} reads`);
  });

  it("reads every row of people who write rarely, the windows growing", async () => {
    const ours = idsAt(Array.from({ length: 30 }, (_, i) => i * 50));
    const others = idsAt(Array.from({ length: 400 }, (_, i) => i * 4));
    const { taken, reads } = await read(ours, others, 400);
    assert.deepEqual(taken, ours);
    assert.ok(reads <= 8, `${reads} reads`);
  });

  it("starts from the span it is given: one read when it holds what is wanted", async () => {
    // 400 posts a day apart: the default first window (a week a page, 133 days) holds a third of them.
    const ours = idsAt(Array.from({ length: 400 }, (_, i) => i));
    const byDefault = await read(ours, [], 400);
    assert.deepEqual(byDefault.taken, ours);
    assert.ok(byDefault.reads >= 2, `${byDefault.reads} reads`);
    const given = await read(ours, [], 400, 420 * DAY_MS);
    assert.deepEqual(given.taken, ours);
    assert.equal(given.reads, 1);
    // A span too short costs a second window, sized from what the first one found; nothing is lost.
    const short = await read(ours, [], 400, 30 * DAY_MS);
    assert.deepEqual(short.taken, ours);
    assert.equal(short.reads, 2);
    const first = short.windows[0] ?? "";
    assert.ok(Math.abs(timeOf(ours[0] as string) + 1 - 30 * DAY_MS - timeOf(first)) < 1, first);
  });

  it("stops at a page of people who write often, from the first window", async () => {
    const ours = idsAt(Array.from({ length: 500 }, (_, i) => i / 10));
    const { taken, reads } = await read(ours, [], 21);
    assert.deepEqual(taken, ours.slice(0, 21));
    assert.equal(reads, 1);
  });
});

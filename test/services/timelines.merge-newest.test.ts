import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeNewest } from "../../src/services/timelines/merge-newest.ts";

/** Sources of rows with ids "NNN" (zero-padded, so they sort as text), newest first, and a fetch log. */
function world(rowsBySource: Record<string, number[]>) {
  const fetches: { source: string; before: string | null; count: number }[] = [];
  const id = (n: number) => String(n).padStart(3, "0");
  const fetch = async (source: string, before: string | null, count: number) => {
    fetches.push({ source, before, count });
    return (rowsBySource[source] ?? [])
      .map(id)
      .sort()
      .reverse()
      .filter((r) => before === null || r < before)
      .slice(0, count)
      .map((r) => ({ id: r, source }));
  };
  return { fetch, fetches, id };
}

async function merged(
  rowsBySource: Record<string, number[]>,
  limit: number,
  options: { before?: string | null; floor?: string | null; first?: number } = {},
) {
  const w = world(rowsBySource);
  const out: string[] = [];
  await mergeNewest(
    Object.keys(rowsBySource),
    w.fetch,
    { before: options.before ?? null, floor: options.floor ?? null, first: options.first ?? 2 },
    async (rows) => {
      out.push(...rows.map((r) => r.id));
    },
    () => out.length >= limit,
  );
  return { out, fetches: w.fetches };
}

describe("merging many people's rows, newest first", () => {
  const sources = {
    prolific: [100, 99, 98, 97, 96, 95, 94, 93, 10, 9],
    quiet: [50, 5],
    gone: [],
    steady: [90, 80, 70, 60, 40, 30, 20],
  };
  const all = Object.values(sources)
    .flat()
    .sort((a, b) => b - a)
    .map((n) => String(n).padStart(3, "0"));

  it("gives every row in order, whatever each source's pace", async () => {
    assert.deepEqual((await merged(sources, 1000)).out, all);
  });

  it("stops once it has enough, reading little more than it gives", async () => {
    const { out, fetches } = await merged(sources, 5);
    assert.deepEqual(out.slice(0, 5), all.slice(0, 5));
    const read = fetches.reduce((n, f) => n + f.count, 0);
    assert.ok(read <= 20, `read ${read} rows for 5`);
  });

  it("starts below a cursor, and leaves out rows older than the floor", async () => {
    assert.deepEqual(
      (await merged(sources, 1000, { before: "095" })).out,
      all.filter((r) => r < "095"),
    );
    const { out, fetches } = await merged(sources, 1000, { floor: "060" });
    assert.deepEqual(
      out,
      all.filter((r) => r >= "060"),
    );
    assert.ok(!fetches.some((f) => f.before !== null && f.before < "060"), "no read below the floor");
  });
});

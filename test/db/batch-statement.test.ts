import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { batchStatement } from "../../src/db/batch-statement.ts";
import type { Database } from "../../src/db/schema.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";

interface Setting {
  key: string;
  value: string;
}

/** An upsert compiled once per row count (powers of two), then run with each batch's values. */
const upsert = batchStatement<Database, Setting>(
  ["key", "value"],
  (db, rows) =>
    db
      .insertInto("instance_settings")
      .values(rows)
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb.ref("excluded.value") }))),
  8,
);

/** An update from a VALUES list with a constant of its own, written with `sql`. */
const suffix = batchStatement<Database, Setting>(
  ["key", "value"],
  (db, rows) =>
    sql`update instance_settings set value = v.column2 || ${"!"}
      from (values ${sql.join(rows.map((r) => sql`(${r.key}, ${r.value})`))}) as v
      where instance_settings.key = v.column1`.compile(db),
  8,
);

describe(`batch statements (${testEngine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  const all = async () =>
    (
      await ctx.deps.db
        .selectFrom("instance_settings")
        .select(["key", "value"])
        .where("key", "like", "batch-%")
        .orderBy("key")
        .execute()
    ).map((r) => ({ key: r.key, value: r.value }));
  const rows = (n: number, value: string) =>
    Array.from({ length: n }, (_, i) => ({
      key: `batch-${String(i).padStart(3, "0")}`,
      value: `${value}${i}`,
    }));

  it("writes every row with its own values, whatever the count", async () => {
    await upsert(ctx.deps.db, []);
    assert.deepEqual(await all(), []);
    for (const n of [1, 5, 13, 8, 21]) {
      await upsert(ctx.deps.db, rows(n, `v${n}-`));
      const written = await all();
      assert.deepEqual(written.slice(0, n), rows(n, `v${n}-`), `${n} rows`);
    }
    assert.equal((await all()).length, 21);
  });

  it("keeps the constants of the built statement and runs inside a transaction", async () => {
    await ctx.deps.db.transaction().execute((tx) => suffix(tx, rows(11, "s")));
    assert.deepEqual(
      await all(),
      rows(21, "v21-").map((r, i) => (i < 11 ? { key: r.key, value: `s${i}!` } : r)),
    );
  });
});

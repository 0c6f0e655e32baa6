import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Kysely } from "kysely";
import { inJsonList, inList } from "../../src/db/in-list.ts";
import { preparedTuples } from "../../src/db/prepared.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";

interface Probe {
  in_list_probe: { id: string };
}

let ctx: TestContext;
let db: Kysely<Probe>;
const ids = Array.from({ length: 1200 }, (_, i) => `id-${String(i).padStart(4, "0")}`);

before(async () => {
  ctx = await createTestContext();
  db = ctx.deps.db as unknown as Kysely<Probe>;
  await db.schema
    .createTable("in_list_probe")
    .addColumn("id", "text", (c) => c.primaryKey())
    .execute();
  await db
    .insertInto("in_list_probe")
    .values(ids.map((id) => ({ id })))
    .execute();
});
after(() => ctx.close());

const selected = async (values: string[]) =>
  (
    await db
      .selectFrom("in_list_probe")
      .select("id")
      .where(inList(db, "id", values))
      .orderBy("id")
      .execute()
  ).map((r) => r.id);

test("inList selects the rows whose column is in the list, and no other", async () => {
  const wanted = ids.filter((_, i) => i % 3 === 0);
  assert.deepEqual(await selected([...wanted, "not-there"]), wanted);
  assert.deepEqual(await selected([]), [], "an empty list selects nothing");
  assert.deepEqual(await selected(["id-0007", "id-0007"]), ["id-0007"], "a value twice, its row once");
});

test("inList binds a list of any length as one parameter: one statement text for every length", async () => {
  const compiled = (values: string[]) =>
    db
      .selectFrom("in_list_probe")
      .select("id")
      .where(inList(db, "id", values))
      .compile();
  const short = compiled(ids.slice(0, 2));
  const long = compiled(ids);
  assert.equal(long.parameters.length, 1);
  assert.equal(short.sql, long.sql);
  assert.equal((await selected(ids)).length, ids.length);
});

test("inJsonList takes the list as a run-time parameter of a statement compiled once", async () => {
  const inJson = preparedTuples(1, (db: Kysely<Probe>, json: string) =>
    db
      .selectFrom("in_list_probe")
      .select("id")
      .where(inJsonList(db, "id", json))
      .orderBy("id"),
  );
  const run = async (values: string[]) => (await inJson(db, JSON.stringify(values))).map(([id]) => id);
  const wanted = ids.filter((_, i) => i % 7 === 0);
  assert.deepEqual(await run([...wanted, "not-there"]), wanted);
  assert.deepEqual(
    await run(["id-0003", "id-0001"]),
    ["id-0001", "id-0003"],
    "the same statement, another list",
  );
  assert.deepEqual(await run([]), [], "an empty list selects nothing");
});

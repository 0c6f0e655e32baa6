import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { testEngine } from "../helpers/context.ts";
import { insertBareActor, type ScratchDatabase, scratchDatabase } from "../helpers/migrations.ts";

/** Migration 0015 rebuilds the ledger by tie: the facts written before it are all there after it. */
describe(`ledger layout migration (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("layout");
    db = scratch.db;
  });
  after(() => scratch.close());

  it("keeps every fact and the one-per-day rule", async () => {
    const previous = Object.keys(migrations)
      .sort()
      .filter((name) => name < "0015_ledger_layout")
      .at(-1) as string;
    const before0015 = await scratch.migrator.migrateTo(previous);
    assert.equal(before0015.error, undefined);
    const at = "2026-01-02T10:00:00.000Z";
    const actors = ["a", "b", "c"].map((handle) => ({ id: uuidv7(), handle }));
    for (const { id, handle } of actors) await insertBareActor(db, handle, id, at);
    const [a, b, c] = actors.map((x) => x.id) as [string, string, string];
    const row = (owner: string, other: string, kind: string, day: string, note: string | null) => ({
      id: uuidv7(),
      owner_id: owner,
      other_key: other,
      other_actor_id: other,
      other_contact_id: null,
      initiator: "owner" as const,
      kind,
      channel: "dm",
      occurred_at: `${day}T10:00:00.000Z`,
      day,
      source_type: "test",
      source_id: null,
      note,
      created_at: at,
    });
    const rows = [
      row(a, b, "call", "2026-01-01", "about the move"),
      row(b, a, "call", "2026-01-01", null),
      row(a, c, "reply", "2026-01-03", null),
      row(a, b, "reply", "2025-12-30", null),
    ];
    await db.insertInto("interactions").values(rows).execute();
    assert.ok((await migrate(db)).includes("0015_ledger_layout"));
    const after0015 = await db.selectFrom("interactions").selectAll().orderBy("id").execute();
    assert.deepEqual(
      after0015.map((r) => ({ ...r })),
      [...rows].sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    // The rule is still enforced, and still names the conflict target the ledger uses.
    const repeat = { ...row(a, b, "call", "2026-01-01", "again"), occurred_at: "2026-01-01T18:00:00.000Z" };
    await assert.rejects(db.insertInto("interactions").values(repeat).execute());
    const ignored = await db
      .insertInto("interactions")
      .values(repeat)
      .onConflict((oc) => oc.columns(["owner_id", "other_key", "kind", "day", "initiator"]).doNothing())
      .executeTakeFirst();
    assert.equal(Number(ignored.numInsertedOrUpdatedRows ?? 0), 0);
    // Ids stay unique.
    await assert.rejects(
      db
        .insertInto("interactions")
        .values({ ...row(c, a, "call", "2026-01-05", null), id: rows[0]?.id as string })
        .execute(),
    );
    const count = await sql<{ n: number }>`select count(*) as n from interactions`.execute(db);
    assert.equal(Number(count.rows[0]?.n), 4);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { testEngine } from "../helpers/context.ts";
import {
  insertBareActor,
  insertBarePost,
  type ScratchDatabase,
  scratchDatabase,
} from "../helpers/migrations.ts";

const DAY_MS = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const idOn = (day: number) => uuidv7({ msecs: start + day * DAY_MS });

/** Migration 0027 records each person's newest thread root and boost, and keeps them from then on. */
describe(`actor activity migration (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("actor-activity");
    db = scratch.db;
  });
  after(() => scratch.close());

  const activity = async () =>
    Object.fromEntries(
      (await db.selectFrom("actor_activity").selectAll().execute()).map((r) => [
        r.actor_id,
        { root: r.newest_root_id, boost: r.newest_boost_id },
      ]),
    );
  const reply = (author: string, parent: string, id: string) =>
    db
      .insertInto("posts")
      .values({
        id,
        author_id: author,
        audience_id: author,
        body: "r",
        body_ast: "[]",
        visibility: "public",
        root_id: parent,
        parent_id: parent,
        created_at: "2026-01-02T10:00:00.000Z",
        updated_at: "2026-01-02T10:00:00.000Z",
      })
      .execute();
  const boost = (actor: string, post: string, id: string) =>
    db
      .insertInto("boosts")
      .values({ id, post_id: post, actor_id: actor, created_at: "2026-01-02T10:00:00.000Z" })
      .execute();

  it("fills the newest root and boost of everyone from what is there, then keeps them", async () => {
    assert.equal((await scratch.migrator.migrateTo("0026_timeline_without_post_index")).error, undefined);
    const writer = await insertBareActor(db, "writer");
    const booster = await insertBareActor(db, "booster");
    const replier = await insertBareActor(db, "replier");
    const silent = await insertBareActor(db, "silent");
    const old = await insertBarePost(db, writer, idOn(1));
    const newest = await insertBarePost(db, writer, idOn(3));
    await reply(replier, newest, idOn(4));
    await boost(booster, old, idOn(2));
    const lastBoost = idOn(5);
    await boost(booster, newest, lastBoost);

    assert.ok((await migrate(db)).includes("0027_actor_activity"));
    assert.deepEqual(await activity(), {
      [writer]: { root: newest, boost: null },
      [booster]: { root: null, boost: lastBoost },
    });

    // Written from now on, whoever writes it: a newer root moves it, an older one (an import) does not,
    // a reply is not a root, a boost counts apart.
    const newer = await insertBarePost(db, writer, idOn(6));
    await insertBarePost(db, writer, idOn(0));
    await reply(silent, newer, idOn(7));
    const writersBoost = idOn(8);
    await boost(writer, old, writersBoost);
    const boostersRoot = await insertBarePost(db, booster, idOn(9));
    assert.deepEqual(await activity(), {
      [writer]: { root: newer, boost: writersBoost },
      [booster]: { root: boostersRoot, boost: lastBoost },
    });

    // A deletion leaves the newest where it was: it stays at least as new as what is left.
    await db.deleteFrom("posts").where("id", "=", newer).execute();
    assert.equal((await activity())[writer]?.root, newer);
    // Deleting the person takes their row.
    await db.deleteFrom("actors").where("id", "=", booster).execute();
    assert.equal((await activity())[booster], undefined);
  });
});

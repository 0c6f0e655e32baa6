import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import { migrate } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { searchPeoplePage } from "../../src/services/search/people.ts";
import { testEngine } from "../helpers/context.ts";
import { insertBareActor, type ScratchDatabase, scratchDatabase } from "../helpers/migrations.ts";

/** Migration 0032: people search indexes a headline only when its audience is public. */
describe(`people search over public fields: migration 0032 (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("people-public");
    db = scratch.db;
  });
  after(() => scratch.close());

  const found = async (word: string) =>
    (await searchPeoplePage(db, null, [word])).people.map((p) => p.handle).sort();

  it("indexes the headlines stored before it by their audience, and keeps the index after", async () => {
    assert.equal((await scratch.migrator.migrateTo("0031_folded_tags_and_search")).error, undefined);
    // Profiles as they were saved before: the headline's audience in `field_visibility`, or none.
    const profiles: [string, string][] = [
      ["open", '{"headline":"public","bio":"private"}'],
      ["unsaid", "{}"],
      ["unreadable", "{not json"],
      ["close", '{"bio":"public","headline":"connections"}'],
      ["secret", '{"headline":"private"}'],
    ];
    for (const [handle, fieldVisibility] of profiles) {
      const id = await insertBareActor(db, handle);
      await db
        .updateTable("actors")
        .set({ headline: `Keeper of ${handle} lanterns`, field_visibility: fieldVisibility })
        .where("id", "=", id)
        .execute();
      await db
        .insertInto("accounts")
        .values({
          actor_id: id,
          email: `${handle}@example.test`,
          password_hash: "x",
          role: "member",
          locale: null,
          time_zone: null,
          created_at: "2026-01-02T10:00:00.000Z",
        })
        .execute();
    }

    assert.ok((await migrate(db)).includes("0032_people_search_public_fields"));
    const stored = await db
      .selectFrom("actors")
      .select(["handle", "public_headline"])
      .orderBy("handle")
      .execute();
    assert.deepEqual(
      stored.map((r) => ({ ...r })),
      [
        { handle: "close", public_headline: "" },
        { handle: "open", public_headline: "Keeper of open lanterns" },
        { handle: "secret", public_headline: "" },
        { handle: "unreadable", public_headline: "Keeper of unreadable lanterns" },
        { handle: "unsaid", public_headline: "Keeper of unsaid lanterns" },
      ],
    );
    assert.deepEqual(await found("lanterns"), ["open", "unreadable", "unsaid"], "public headlines only");
    assert.deepEqual(await found("secret"), ["secret"], "the handle is still searched");

    await db.updateTable("actors").set({ public_headline: "" }).where("handle", "=", "open").execute();
    await db
      .updateTable("actors")
      .set({ public_headline: "Keeper of close lanterns" })
      .where("handle", "=", "close")
      .execute();
    assert.deepEqual(await found("lanterns"), ["close", "unreadable", "unsaid"], "kept up to date");
  });
});

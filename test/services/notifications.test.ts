import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NotificationKind } from "../../src/db/schema.ts";
import { excerpt } from "../../src/domain/text/excerpt.ts";
import { listNotifications } from "../../src/services/notifications/list.ts";
import { notify } from "../../src/services/notifications/notify.ts";
import { markAllNotificationsRead, markNotificationsRead } from "../../src/services/notifications/read.ts";
import { boost, unboost } from "../../src/services/posts/boost.ts";
import { react, unreact } from "../../src/services/posts/react.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { type Person, person, post } from "./posts.fixtures.ts";

describe("notification excerpts", () => {
  it("keeps a short text whole, on one line", () => {
    assert.equal(excerpt("  Rain\n\nagain   today "), "Rain again today");
    assert.equal(excerpt("x".repeat(80)), "x".repeat(80));
    assert.equal(excerpt(""), "");
  });

  it("cuts a long text at the last word that fits, with an ellipsis", () => {
    const text = `${"word ".repeat(15)}lastword and more after it`;
    const cut = excerpt(text);
    assert.equal(cut, `${"word ".repeat(15)}…`.replace(" …", "…"));
    assert.ok([...cut].length <= 81);
    // A cut that falls right before a space keeps the whole word before it.
    assert.equal(excerpt(`${"a".repeat(79)}b more`), `${"a".repeat(79)}b…`);
    // Punctuation left at the end goes before the ellipsis.
    assert.equal(excerpt(`${"abc ".repeat(18)}abcd, efgh ijkl`), `${"abc ".repeat(18)}abcd…`);
  });

  it("cuts a word longer than half the excerpt where the limit falls, never inside an emoji", () => {
    assert.equal(
      excerpt(`see https://example.com/${"p".repeat(100)}`),
      `see https://example.com/${"p".repeat(56)}…`,
    );
    const family = "👨‍👩‍👧";
    const cut = excerpt(family.repeat(100));
    assert.equal(cut, `${family.repeat(80)}…`);
  });
});

describe("notifications (service)", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
  });
  after(() => ctx.close());

  const countOf = async (recipient: Person, kind: NotificationKind, subjectId: string) =>
    (
      await ctx.deps.db
        .selectFrom("notifications")
        .select("id")
        .where("recipient_id", "=", recipient.accountId)
        .where("kind", "=", kind)
        .where("subject_id", "=", subjectId)
        .execute()
    ).length;

  it("does not add a second identical notice while the first is unread (boost, reaction)", async () => {
    const id = await post(ctx.deps, alice, { body: "Undo, redo", visibility: "public" });
    await boost(ctx.deps, bob.viewer, id);
    await unboost(ctx.deps, bob.viewer, id);
    await boost(ctx.deps, bob.viewer, id);
    assert.equal(await countOf(alice, "boost", id), 1);
    await react(ctx.deps, bob.viewer, id, "like");
    await unreact(ctx.deps, bob.viewer, id);
    await react(ctx.deps, bob.viewer, id, "love");
    assert.equal(await countOf(alice, "reaction", id), 1);

    // Someone else doing the same is another notice.
    await boost(ctx.deps, carol.viewer, id);
    assert.equal(await countOf(alice, "boost", id), 2);

    // Once read, doing it again is news again.
    await markAllNotificationsRead(ctx.deps, alice.viewer);
    await unboost(ctx.deps, bob.viewer, id);
    await boost(ctx.deps, bob.viewer, id);
    assert.equal(await countOf(alice, "boost", id), 3);
    const { items } = await listNotifications(ctx.deps, alice.viewer);
    assert.equal(items.filter((n) => n.unread).length, 1);
  });

  it("tells whether the notice was added", async () => {
    const subjectId = ctx.deps.newId();
    const notice = {
      recipientId: carol.accountId,
      kind: "follow" as const,
      actorId: bob.accountId,
      subjectId,
    };
    assert.equal(await notify(ctx.deps, notice), true);
    assert.equal(await notify(ctx.deps, notice), false);
    assert.equal(await countOf(carol, "follow", subjectId), 1);
  });

  it("marks read only the viewer's notifications among the ids given", async () => {
    const dan = await person(ctx.deps, "dan", "Dan Roux");
    const erin = await person(ctx.deps, "erin", "Erin Blanc");
    for (const to of [dan, erin])
      await notify(ctx.deps, {
        recipientId: to.accountId,
        kind: "follow",
        actorId: bob.accountId,
        subjectId: ctx.deps.newId(),
      });
    const erinIds = (await listNotifications(ctx.deps, erin.viewer)).items.map((n) => n.id);
    await markNotificationsRead(ctx.deps, dan.viewer, erinIds);
    assert.ok(
      (await listNotifications(ctx.deps, erin.viewer)).items.every((n) => n.unread),
      "not Dan's to read",
    );
    await markNotificationsRead(ctx.deps, erin.viewer, erinIds);
    assert.ok((await listNotifications(ctx.deps, erin.viewer)).items.every((n) => !n.unread));
  });

  it("reads a page of post notifications and their excerpts in one query", async () => {
    const fred = await person(ctx.deps, "fred", "Fred Noir");
    for (let i = 0; i < 31; i++) {
      const id = await post(ctx.deps, fred, { body: `Post number ${i}`, visibility: "public" });
      await react(ctx.deps, bob.viewer, id, "like");
    }
    let queries = 0;
    const db = ctx.deps.db.withPlugin({
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const { items, next } = await listNotifications({ db }, fred.viewer);
    assert.equal(queries, 1);
    assert.equal(items.length, 30);
    assert.ok(next);
    assert.equal(items[0]?.excerpt, "Post number 30");
    assert.equal(items[29]?.excerpt, "Post number 1");
  });
});

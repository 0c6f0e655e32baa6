import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { en } from "../../src/i18n/en.ts";
import { notifyEvent, notifyEventMany } from "../../src/services/events/notify.ts";
import { notify } from "../../src/services/notifications/notify.ts";
import { PREFERENCES } from "../../src/services/notifications/preferences.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";

/** The notification settings: every kind can be turned off, by one choice, and every way of notifying honours it. */
describe("notification preferences", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
  });
  after(() => ctx.close());

  const kindsOf = async (to: Person) =>
    (
      await ctx.deps.db
        .selectFrom("notifications")
        .select("kind")
        .where("recipient_id", "=", to.accountId)
        .orderBy("id")
        .execute()
    ).map((n) => n.kind);

  it("covers every kind of notification the app can show, each by exactly one choice", () => {
    const shown = Object.keys(en)
      .map((key) => /^notifications\.kind\.([a-z_]+)$/.exec(key)?.[1])
      .filter((kind): kind is string => kind !== undefined);
    assert.ok(shown.length >= 20, `kinds found: ${shown.join(", ")}`);
    const covered = Object.values(PREFERENCES).flat();
    for (const kind of shown)
      assert.equal(covered.filter((k) => k === kind).length, 1, `${kind} is covered once`);
    assert.equal(covered.length, shown.length, "no choice names a kind the app never shows");
  });

  it("titles the page apart from the notifications, describes every choice, and links both ways", async () => {
    for (const [lang, title, back, link] of [
      ["en", "Notification settings", "Back to your settings", "Choose what you are notified about"],
      ["fr", "Paramètres des notifications", "Retour à vos paramètres", "Choisir ce dont vous êtes averti·e"],
    ] as const) {
      const client = await signedInClient(ctx, alice, { "accept-language": lang });
      const page = await (await client.get("/settings/notifications")).text();
      assert.match(page, new RegExp(`<title>${title} · `));
      assert.match(page, new RegExp(`<h1>${title}</h1>`));
      assert.match(page, new RegExp(`<a href="/settings">${back}</a>`));
      for (const choice of Object.keys(PREFERENCES)) {
        assert.match(page, new RegExp(`id="notify-${choice}"[^>]* aria-describedby="notify-${choice}-hint"`));
        const hint = new RegExp(`<p class="hint" id="notify-${choice}-hint">([^<]+)</p>`).exec(page)?.[1];
        assert.ok(hint && hint.length > 20, `${lang}: ${choice} is described`);
        const label = new RegExp(`<label class="inline" for="notify-${choice}">([^<]+)</label>`).exec(
          page,
        )?.[1];
        assert.ok(label && label.length <= 60 && !label.includes(":"), `${lang}: ${choice}'s label is short`);
      }
      for (const from of ["/notifications", "/settings"]) {
        const html = await (await client.get(from)).text();
        assert.match(html, new RegExp(`<a href="/settings/notifications">${link}</a>`), from);
      }
    }
  });

  it("lists the choices by section in both languages, and saves what is unticked", async () => {
    const b = await signedInClient(ctx, bob, { "accept-language": "fr" });
    const page = await (await b.get("/settings/notifications")).text();
    for (const legend of ["Publications et commentaires", "Personnes", "Événements"])
      assert.match(page, new RegExp(`<legend>${legend}</legend>`));
    assert.match(page, /Quelqu’un m’invite à un événement/);
    const save = (choices: string[]) => {
      const form = new FormData();
      for (const choice of choices) form.append("kind", choice);
      return b.postMultipart("/settings/notifications", form);
    };
    const everything = Object.keys(PREFERENCES);
    const kept = everything.filter((c) => c !== "event_attending" && c !== "message_request");
    assert.equal((await save(kept)).status, 303);
    const saved = await (await b.get("/settings/notifications")).text();
    assert.match(saved, /id="notify-event_attending" name="kind" value="event_attending" aria-describedby=/);
    assert.match(
      saved,
      /id="notify-event_invited" name="kind" value="event_invited" checked="" aria-describedby=/,
    );

    const eventId = ctx.deps.newId();
    // One at a time and in bulk (reminders, changes, cancellations): both skip what Bob turned off.
    await notifyEventMany(ctx.deps, {
      recipientIds: [bob.accountId],
      kind: "event_cancelled",
      actorId: alice.accountId,
      eventId,
    });
    await notifyEvent(ctx.deps, {
      recipientId: bob.accountId,
      kind: "event_promoted",
      actorId: alice.accountId,
      eventId,
    });
    await notify(ctx.deps, { recipientId: bob.accountId, kind: "message_request", actorId: alice.accountId });
    await notifyEvent(ctx.deps, {
      recipientId: bob.accountId,
      kind: "event_invited",
      actorId: alice.accountId,
      eventId,
    });
    assert.deepEqual(await kindsOf(bob), ["event_invited"]);

    await save(everything);
    await notifyEventMany(ctx.deps, {
      recipientIds: [bob.accountId],
      kind: "event_cancelled",
      actorId: alice.accountId,
      eventId,
    });
    assert.deepEqual(await kindsOf(bob), ["event_invited", "event_cancelled"]);
  });
});

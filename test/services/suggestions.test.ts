import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { updatePrivacy } from "../../src/services/accounts/privacy.ts";
import { establishConnection } from "../../src/services/connections/establish.ts";
import { NO_HOW_WE_MET } from "../../src/services/connections/how-we-met.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { block } from "../../src/services/moderation/block.ts";
import { updateProfile } from "../../src/services/profiles/update.ts";
import { dismissSuggestion, peopleYouMayKnow } from "../../src/services/suggestions/people-you-may-know.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

describe("people you may know", () => {
  let ctx: TestContext;
  const people: Record<string, Viewer> = {};
  const connect = (a: string, b: string) =>
    establishConnection(ctx.deps, {
      initiatorId: people[a]?.accountId ?? "",
      otherId: people[b]?.accountId ?? "",
      requestId: null,
      initiatorHowWeMet: NO_HOW_WE_MET,
    });
  const handles = async (viewer: string) =>
    (await peopleYouMayKnow(ctx.deps, people[viewer] as Viewer)).map((s) => s.person.handle);

  before(async () => {
    ctx = await createTestContext();
    for (const handle of ["me", "friend", "hub", "fof", "fof_hub", "stranger", "private_fan", "shy"]) {
      people[handle] = await viewerFor(
        ctx.deps,
        await createAccount(ctx.deps, { handle, displayName: handle.toUpperCase() }),
      );
    }
    await connect("me", "friend");
    await connect("me", "hub");
    await connect("friend", "fof");
    await connect("hub", "fof_hub");
    await connect("friend", "shy");
    for (let i = 0; i < 12; i++) {
      const extra = `crowd${i}`;
      people[extra] = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: extra }));
      await connect("hub", extra);
    }
    await updateProfile(ctx.deps, people.me as Viewer, {
      displayName: "Me",
      interests: "Climbing, jazz",
      interestsAudience: "public",
    });
    await updateProfile(ctx.deps, people.stranger as Viewer, {
      displayName: "Stranger",
      interests: "jazz",
      interestsAudience: "public",
    });
    await updateProfile(ctx.deps, people.private_fan as Viewer, {
      displayName: "Private",
      interests: "climbing",
      interestsAudience: "private",
    });
    await updatePrivacy(ctx.deps, people.shy as Viewer, { locked: false, discoverable: false });
  });
  after(() => ctx.close());

  it("ranks friends of friends through a small circle above those through a hub, and says why", async () => {
    const list = await peopleYouMayKnow(ctx.deps, people.me as Viewer);
    const order = list.map((s) => s.person.handle);
    assert.ok(order.indexOf("fof") < order.indexOf("fof_hub"), order.join(","));
    const fof = list.find((s) => s.person.handle === "fof");
    assert.deepEqual(fof?.reasons, [{ kind: "mutual", count: 1 }]);
    assert.deepEqual(fof?.mutualNames, ["FRIEND"]);
  });

  it("suggests strangers who share a public interest, never through a private one", async () => {
    const list = await peopleYouMayKnow(ctx.deps, people.me as Viewer, 50);
    const stranger = list.find((s) => s.person.handle === "stranger");
    assert.deepEqual(stranger?.reasons, [{ kind: "tags", tags: ["jazz"] }]);
    assert.ok(!list.some((s) => s.person.handle === "private_fan"));
  });

  it("never suggests connections, oneself, people who opted out, blocked or dismissed people", async () => {
    let list = await handles("me");
    for (const absent of ["me", "friend", "hub", "shy"]) assert.ok(!list.includes(absent), absent);
    await dismissSuggestion(ctx.deps, people.me as Viewer, people.fof?.accountId ?? "");
    await block(ctx.deps, people.stranger as Viewer, people.me?.accountId ?? "");
    list = await handles("me");
    assert.ok(!list.includes("fof"), "dismissed for good");
    assert.ok(!list.includes("stranger"), "blocked either way");
  });

  it("suggests an offline contact who joined, to the contact's owner only", async () => {
    const now = ctx.clock.now().toISOString();
    await ctx.deps.db
      .insertInto("contacts")
      .values({
        id: ctx.deps.newId(),
        owner_id: people.friend?.accountId ?? "",
        name: "Crowd Zero from the gym",
        email: "CROWD0@example.test",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const list = await peopleYouMayKnow(ctx.deps, people.friend as Viewer, 50);
    const match = list.find((s) => s.person.handle === "crowd0");
    assert.deepEqual(match?.reasons[0], { kind: "contact", name: "Crowd Zero from the gym" });
    const others = await peopleYouMayKnow(ctx.deps, people.me as Viewer, 50);
    assert.ok(
      !others.some((s) => s.reasons.some((r) => r.kind === "contact")),
      "nobody else learns of the contact",
    );
  });
});

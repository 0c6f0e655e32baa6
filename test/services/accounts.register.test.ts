import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid } from "../../src/domain/errors.ts";
import { register } from "../../src/services/accounts/register.ts";
import { createRegistrationInvite } from "../../src/services/instance/invites.ts";
import { setRegistrationMode } from "../../src/services/instance/settings.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { viewerFor } from "../helpers/factories.ts";

const password = "a long enough password";

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Invalid, `expected Invalid, got ${error}`);
    return Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v.key]));
  }
  assert.fail("expected the registration to be refused");
}

describe("register", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("makes the first account the admin and the next ones members", async () => {
    const first = await register(ctx.deps, { handle: "root_user", email: "r@example.test", password });
    const second = await register(ctx.deps, { handle: "member", email: "m@example.test", password });
    assert.equal(first.role, "admin");
    assert.equal(second.role, "member");
  });

  it("lower-cases handles, so they are unique case-insensitively, and emails too", async () => {
    const account = await register(ctx.deps, { handle: "@MixedCase", email: "Mixed@Example.TEST", password });
    assert.equal(account.handle, "mixedcase");
    assert.deepEqual(
      await fieldErrors(register(ctx.deps, { handle: "MIXEDCASE", email: "mixed@example.test", password })),
      {
        handle: "error.handle.taken",
        email: "error.email.taken",
      },
    );
  });

  it("validates every field and says which is wrong", async () => {
    assert.deepEqual(
      await fieldErrors(
        register(ctx.deps, { handle: "no spaces", email: "not-an-email", password: "123456789" }),
      ),
      {
        handle: "error.handle.format",
        email: "error.email",
        password: "error.password.tooShort",
      },
    );
    assert.deepEqual(
      await fieldErrors(register(ctx.deps, { handle: "a".repeat(31), email: "x@example.test", password })),
      {
        handle: "error.handle.format",
      },
    );
    assert.deepEqual(
      await fieldErrors(register(ctx.deps, { handle: "admin", email: "x@example.test", password })),
      {
        handle: "error.handle.reserved",
      },
    );
    assert.deepEqual(await fieldErrors(register(ctx.deps, { handle: "", email: "", password: "" })), {
      handle: "error.required",
      email: "error.required",
      password: "error.password.tooShort",
    });
  });

  it("accepts a 10-character password and a 30-character handle", async () => {
    const account = await register(ctx.deps, {
      handle: "a_30_character_handle_12345678",
      email: "long@example.test",
      password: "0123456789",
    });
    assert.equal(account.handle.length, 30);
  });

  it("lets only one of two racing sign-ups take a handle", async () => {
    const results = await Promise.allSettled([
      register(ctx.deps, { handle: "racer", email: "racer1@example.test", password }),
      register(ctx.deps, { handle: "racer", email: "racer2@example.test", password }),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const rejected = results.find((r) => r.status === "rejected");
    assert.ok(rejected && rejected.reason instanceof Invalid);
    const rows = await ctx.deps.db.selectFrom("actors").select("id").where("handle", "=", "racer").execute();
    assert.equal(rows.length, 1);
    const orphans = await ctx.deps.db
      .selectFrom("actors")
      .leftJoin("accounts", "accounts.actor_id", "actors.id")
      .select("actors.id")
      .where("accounts.actor_id", "is", null)
      .execute();
    assert.equal(orphans.length, 0, "no half-written account");
  });

  it("follows the registration mode: closed refuses, invite-only needs a valid single-use invitation", async () => {
    const admin = await viewerFor(ctx.deps, {
      accountId: (
        await ctx.deps.db
          .selectFrom("accounts")
          .select("actor_id")
          .where("role", "=", "admin")
          .executeTakeFirstOrThrow()
      ).actor_id,
      handle: "root_user",
      email: "",
      password,
    });
    await setRegistrationMode(ctx.deps, admin, { mode: "closed" });
    assert.deepEqual(
      await fieldErrors(register(ctx.deps, { handle: "late", email: "late@example.test", password })),
      {
        "": "error.registration.closed",
      },
    );

    await setRegistrationMode(ctx.deps, admin, { mode: "invite" });
    assert.deepEqual(
      await fieldErrors(register(ctx.deps, { handle: "late", email: "late@example.test", password })),
      {
        "": "error.registration.inviteOnly",
      },
    );
    const { url } = await createRegistrationInvite(ctx.deps, admin);
    const invite = new URL(url).searchParams.get("invite") ?? "";
    await register(ctx.deps, { handle: "late", email: "late@example.test", password, invite });
    assert.deepEqual(
      await fieldErrors(
        register(ctx.deps, { handle: "later", email: "later@example.test", password, invite }),
      ),
      {
        "": "error.invite.invalid",
      },
    );

    const expiring =
      new URL((await createRegistrationInvite(ctx.deps, admin)).url).searchParams.get("invite") ?? "";
    ctx.clock.advance(8 * 24 * 3600 * 1000);
    assert.deepEqual(
      await fieldErrors(
        register(ctx.deps, { handle: "later", email: "later@example.test", password, invite: expiring }),
      ),
      {
        "": "error.invite.invalid",
      },
    );
    await setRegistrationMode(ctx.deps, admin, { mode: "open" });
  });

  it("lets the operator add an admin whatever the mode", async () => {
    const account = await register(
      ctx.deps,
      { handle: "second_admin", email: "a2@example.test", password },
      { asAdmin: true },
    );
    assert.equal(account.role, "admin");
  });

  it("refuses to change the registration mode for a member, as if the page did not exist", async () => {
    const member = await ctx.deps.db
      .selectFrom("accounts")
      .select("actor_id")
      .where("role", "=", "member")
      .executeTakeFirstOrThrow();
    const viewer = await viewerFor(ctx.deps, {
      accountId: member.actor_id,
      handle: "member",
      email: "",
      password,
    });
    await assert.rejects(setRegistrationMode(ctx.deps, viewer, { mode: "closed" }), { name: "NotFound" });
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid, TooManyRequests } from "../../src/domain/errors.ts";
import { changePassword } from "../../src/services/accounts/change-password.ts";
import { createPasswordResetLink } from "../../src/services/accounts/reset-link.ts";
import { findPasswordReset, resetPassword } from "../../src/services/accounts/reset-password.ts";
import { signIn } from "../../src/services/accounts/sign-in.ts";
import { hashToken } from "../../src/services/security/tokens.ts";
import { listSessions } from "../../src/services/sessions/list.ts";
import { resolveSession } from "../../src/services/sessions/resolve.ts";
import { revokeOtherSessions, revokeSession } from "../../src/services/sessions/revoke.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";

const device = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

describe("sessions, passwords and sign-in limits", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice" });
    await createAccount(ctx.deps, { handle: "bob" });
  });
  after(() => ctx.close());

  it("stores only a hash of the session token and resolves the viewer from the token", async () => {
    const { token } = await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    const row = await ctx.deps.db
      .selectFrom("sessions")
      .selectAll()
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    const viewer = await resolveSession(ctx.deps, token);
    assert.equal(viewer?.handle, "alice");
    assert.equal(await resolveSession(ctx.deps, `${token}x`), null);
  });

  it("lists the viewer's sessions and revokes one, but never another person's", async () => {
    const viewer = await viewerFor(ctx.deps, alice);
    const { token: other } = await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    const sessions = await listSessions(ctx.deps, viewer);
    assert.ok(sessions.length >= 2);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    const otherSession = await resolveSession(ctx.deps, other);
    assert.ok(otherSession);

    const bob = await viewerFor(ctx.deps, {
      accountId: (
        await ctx.deps.db
          .selectFrom("actors")
          .select("id")
          .where("handle", "=", "bob")
          .executeTakeFirstOrThrow()
      ).id,
      handle: "bob",
      email: "",
      password: "",
    });
    await assert.rejects(revokeSession(ctx.deps, bob, otherSession.sessionId), { name: "NotFound" });
    await revokeSession(ctx.deps, viewer, otherSession.sessionId);
    assert.equal(await resolveSession(ctx.deps, other), null);

    await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    await revokeOtherSessions(ctx.deps, viewer);
    const left = await listSessions(ctx.deps, viewer);
    assert.deepEqual(
      left.map((s) => s.id),
      [viewer.sessionId],
    );
  });

  it("caches a session for two seconds at most when another process ends it", async () => {
    const { token } = await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    assert.ok(await resolveSession(ctx.deps, token));
    // Another process (not this one's verbs) deletes it: this process may serve it for 2 s more.
    await ctx.deps.db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
    assert.ok(await resolveSession(ctx.deps, token));
    ctx.clock.advance(2001);
    assert.equal(await resolveSession(ctx.deps, token), null);
  });

  it("ends an idle session after 30 days and keeps an active one open", async () => {
    const { token } = await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    ctx.clock.advance(20 * 24 * 3600 * 1000);
    assert.ok(await resolveSession(ctx.deps, token), "still open after 20 days");
    ctx.clock.advance(20 * 24 * 3600 * 1000);
    assert.ok(await resolveSession(ctx.deps, token), "the visit 20 days ago extended it");
    ctx.clock.advance(31 * 24 * 3600 * 1000);
    assert.equal(await resolveSession(ctx.deps, token), null);
  });

  it("changes the password only with the current one, and signs out the other sessions", async () => {
    const viewer = await viewerFor(ctx.deps, alice);
    const { token: elsewhere } = await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
    await assert.rejects(
      changePassword(ctx.deps, viewer, { currentPassword: "wrong one!!", newPassword: "new password 123" }),
      (e) => {
        return e instanceof Invalid && e.fields.currentPassword?.key === "error.password.wrong";
      },
    );
    await changePassword(ctx.deps, viewer, {
      currentPassword: alice.password,
      newPassword: "new password 123",
    });
    assert.equal(await resolveSession(ctx.deps, elsewhere), null);
    assert.ok(
      await resolveSession(
        ctx.deps,
        (await signIn(ctx.deps, { login: "alice", password: "new password 123" }, device)).token,
      ),
    );
    await assert.rejects(signIn(ctx.deps, { login: "alice", password: alice.password }, device), Invalid);
    alice.password = "new password 123";
  });

  it("resets a password through a one-time, expiring link", async () => {
    const { url } = await createPasswordResetLink(ctx.deps, "alice");
    const token = url.split("/").pop() ?? "";
    await assert.rejects(resetPassword(ctx.deps, token, { password: "short" }), Invalid);
    await resetPassword(ctx.deps, token, { password: "reset password 1" });
    await assert.rejects(findPasswordReset(ctx.deps, token), { name: "NotFound" });
    await assert.rejects(resetPassword(ctx.deps, token, { password: "reset password 2" }), {
      name: "NotFound",
    });
    await signIn(ctx.deps, { login: "alice", password: "reset password 1" }, device);
    alice.password = "reset password 1";

    const late = (await createPasswordResetLink(ctx.deps, "alice")).url.split("/").pop() ?? "";
    ctx.clock.advance(61 * 60 * 1000);
    await assert.rejects(resetPassword(ctx.deps, late, { password: "reset password 3" }), {
      name: "NotFound",
    });
    await assert.rejects(createPasswordResetLink(ctx.deps, "nobody"), { name: "NotFound" });
  });

  it("limits failed sign-ins per account, even with the right password, until the window ends", async () => {
    for (let i = 0; i < 10; i++) {
      await assert.rejects(
        signIn(
          ctx.deps,
          { login: "bob", password: `guess number ${i}` },
          { ...device, ip: `198.51.100.${i}` },
        ),
        Invalid,
      );
    }
    await assert.rejects(
      signIn(ctx.deps, { login: "bob", password: "correct horse battery" }, device),
      TooManyRequests,
    );
    ctx.clock.advance(16 * 60 * 1000);
    await signIn(ctx.deps, { login: "bob", password: "correct horse battery" }, device);
  });

  it("limits failed sign-ins per address across accounts", async () => {
    const sprayer = { ...device, ip: "192.0.2.99" };
    for (let i = 0; i < 50; i++) {
      await assert.rejects(
        signIn(ctx.deps, { login: `someone${i}`, password: "password123" }, sprayer),
        Invalid,
      );
    }
    await assert.rejects(signIn(ctx.deps, { login: "alice", password: alice.password }, sprayer), (e) => {
      return e instanceof TooManyRequests && e.retryAfterSeconds > 0;
    });
    await signIn(ctx.deps, { login: "alice", password: alice.password }, device);
  });
});

import { register } from "../../src/services/accounts/register.ts";
import type { Deps, Viewer } from "../../src/services/deps.ts";
import { createSession } from "../../src/services/sessions/create.ts";
import { resolveSession } from "../../src/services/sessions/resolve.ts";
import { TestClient } from "./client.ts";
import type { TestContext } from "./context.ts";

export const DEFAULT_PASSWORD = "correct horse battery";

export interface TestAccount {
  accountId: string;
  handle: string;
  email: string;
  password: string;
}

export async function createAccount(
  deps: Deps,
  options: { handle: string; email?: string; password?: string; displayName?: string },
): Promise<TestAccount> {
  const email = options.email ?? `${options.handle}@example.test`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const { accountId, handle } = await register(
    deps,
    { handle: options.handle, email, password, displayName: options.displayName },
    { asAdmin: false },
  );
  return { accountId, handle, email, password };
}

/** A viewer as the session middleware would build it. */
export async function viewerFor(deps: Deps, account: TestAccount): Promise<Viewer> {
  const { token } = await createSession(deps, account.accountId, { ip: "127.0.0.1", userAgent: "test" });
  const viewer = await resolveSession(deps, token);
  if (!viewer) throw new Error("session did not resolve");
  return viewer;
}

/** A client already signed in as the account (through a real session cookie). */
export async function signedInClient(
  ctx: TestContext,
  account: TestAccount,
  headers: Record<string, string> = {},
): Promise<TestClient> {
  const client = new TestClient(ctx.app, headers);
  const { token } = await createSession(ctx.deps, account.accountId, { ip: "127.0.0.1", userAgent: "test" });
  client.cookies.set("liens_session", token);
  return client;
}

import { establishConnection } from "../../src/services/connections/establish.ts";
import { NO_HOW_WE_MET } from "../../src/services/connections/how-we-met.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { createEvent } from "../../src/services/events/create.ts";
import { follow } from "../../src/services/follows/follow.ts";
import type { TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";

export interface Member {
  account: TestAccount;
  viewer: Viewer;
}

export async function member(ctx: TestContext, handle: string): Promise<Member> {
  const account = await createAccount(ctx.deps, {
    handle,
    displayName: handle[0]?.toUpperCase() + handle.slice(1),
  });
  return { account, viewer: await viewerFor(ctx.deps, account) };
}

export async function connect(ctx: TestContext, a: Member, b: Member): Promise<void> {
  await ctx.deps.db.transaction().execute((tx) =>
    establishConnection(
      { ...ctx.deps, db: tx },
      {
        initiatorId: a.viewer.accountId,
        otherId: b.viewer.accountId,
        requestId: null,
        initiatorHowWeMet: NO_HOW_WE_MET,
      },
    ),
  );
}

export async function follows(ctx: TestContext, follower: Member, followee: Member): Promise<void> {
  await follow(ctx.deps, follower.viewer, followee.viewer.accountId);
}

/** Local wall-clock "YYYY-MM-DDTHH:mm" `hours` after the test clock (UTC). */
export function inHours(ctx: TestContext, hours: number): string {
  return new Date(ctx.clock.now().getTime() + hours * 3600_000).toISOString().slice(0, 16);
}

/** An event starting in `startIn` hours, two hours long, in UTC unless said otherwise. */
export async function makeEvent(
  ctx: TestContext,
  organiser: Member,
  fields: Record<string, string> = {},
  startIn = 48,
): Promise<string> {
  const { id } = await createEvent(ctx.deps, organiser.viewer, {
    title: "Rust meetup",
    start: inHours(ctx, startIn),
    end: inHours(ctx, startIn + 2),
    timeZone: "UTC",
    place: "12 rue de la République",
    city: "Lyon",
    visibility: "public",
    ...fields,
  });
  return id;
}

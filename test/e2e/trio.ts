import type { Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import { arrive, signIn, UI, visit } from "./people.ts";

const w = UI.en;

/** Signs in and gives the account its display name (English UI). */
export async function signInAndName(
  page: Page,
  handle: string,
  password: string,
  name: string,
): Promise<void> {
  await visit(page, "/");
  await signIn(page, w, handle, password);
  await visit(page, "/profile/edit");
  await page.getByLabel(w.name, { exact: true }).fill(name);
  await page.getByRole("button", { name: w.save, exact: true }).click();
  await arrive(page, "/profile/edit?notice=saved");
}

/**
 * The cast of the conversation journeys, signed in as @alice, @bob and @carol: Bob becomes Alice's
 * connection (she asks, he accepts), Carol only follows Alice.
 */
export async function aliceBobConnectedCarolFollows(
  alice: Page,
  bob: Page,
  carol: Page,
  password: string,
): Promise<void> {
  await Promise.all([
    signInAndName(alice, "alice", password, "Alice"),
    signInAndName(bob, "bob", password, "Bob"),
    signInAndName(carol, "carol", password, "Carol"),
  ]);
  await visit(alice, "/@bob");
  await alice.getByRole("link", { name: "Connect", exact: true }).click();
  await arrive(alice, "/@bob/connect");
  await alice.getByRole("button", { name: "Send the request", exact: true }).click();
  await arrive(alice, "/@bob?notice=requested");
  await visit(bob, "/network");
  await bob.getByRole("button", { name: "Accept Alice", exact: true }).click();
  await bob.getByText("No request waiting for your answer.", { exact: true }).waitFor();
  await checkA11y(bob, "network after accepting");
  await visit(carol, "/@alice");
  await carol.getByRole("button", { name: "Follow", exact: true }).click();
  await arrive(carol, /\/@alice\?notice=follow/);
}

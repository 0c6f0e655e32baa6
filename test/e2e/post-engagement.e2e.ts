import { describe, test } from "node:test";
import type { Visitor } from "./browser.ts";
import { arrive, assertNoHorizontalScroll, signIn, UI, visit } from "./people.ts";
import { createAccount } from "./server.ts";
import { setStage } from "./setup.ts";

/**
 * Who reacted to a post: Bob and Carol react to Alice's post; she follows "Who reacted" from the
 * post and switches between the reaction tabs, on a phone's width, in English and in French. Each
 * page passes axe (the tabs are targets a finger can hit).
 */

const PASSWORD = "correct horse battery staple";

const stage = setStage();

async function signedIn(handle: string, locale: string): Promise<Visitor> {
  const visitor = await stage.visitor({ locale, viewport: { width: 320, height: 720 } });
  const w = locale.startsWith("fr") ? UI.fr : UI.en;
  await visit(visitor.page, "/");
  await signIn(visitor.page, w, handle, PASSWORD);
  return visitor;
}

describe("who reacted to a post", () => {
  let postUrl = "";

  test("Alice posts; Bob likes it and Carol loves it", async () => {
    for (const handle of ["alice", "bob", "carol"])
      await createAccount(stage.server, { handle, password: PASSWORD });
    const a = (await signedIn("alice", "en-GB")).page;
    await visit(a, "/posts/new");
    await a.getByLabel("What do you want to share?", { exact: true }).fill("Sunrise over the harbour");
    await a.getByRole("button", { name: "Post", exact: true }).click();
    await arrive(a, /\/@alice\/posts\/[0-9a-f-]{36}\?notice=created$/);
    postUrl = new URL(a.url()).pathname;
    for (const [handle, reaction] of [
      ["bob", "Like"],
      ["carol", "Love"],
    ] as const) {
      const p = (await signedIn(handle, "en-GB")).page;
      await visit(p, postUrl);
      await p.getByRole("button", { name: reaction, exact: true }).first().click();
      await p.waitForLoadState("load");
    }
  });

  for (const [locale, words] of [
    ["en-GB", { whoReacted: "Who reacted", love: /Love/, title: "Reactions to alice’s post" }],
    ["fr-FR", { whoReacted: "Qui a réagi", love: /J’adore/, title: "Réactions à la publication d’alice" }],
  ] as const) {
    test(`Alice reads who reacted, all and by reaction, at 320 px (${locale})`, async () => {
      const a = (await signedIn("alice", locale)).page;
      await visit(a, postUrl);
      await a.getByRole("link", { name: words.whoReacted, exact: true }).first().click();
      await arrive(a, `${postUrl}/reactions`);
      await a.getByRole("heading", { level: 1, name: words.title }).waitFor();
      await assertNoHorizontalScroll(a, 320);
      await a.getByRole("link", { name: words.love }).click();
      await arrive(a, `${postUrl}/reactions?reaction=love`);
      await a.getByText("@carol", { exact: true }).waitFor();
      await assertNoHorizontalScroll(a, 320);
    });
  }
});

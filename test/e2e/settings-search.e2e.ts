import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import {
  arrive,
  assertNoHorizontalScroll,
  descriptions,
  type Lang,
  mainNav,
  openAccountMenu,
  signIn,
  UI,
  visit,
} from "./people.ts";
import { createAccount } from "./server.ts";
import { setStage } from "./setup.ts";

/**
 * Notification settings and search, as a demanding person uses them, in English and in French, on a
 * phone's width:
 * - Alice finds her notification settings from the account menu, reads a label and a description for
 *   every choice, turns reactions off with the keyboard alone and saves; Bob then reacts to her post
 *   and comments on it: only the comment reaches her badge and her notifications. Bob does the same
 *   in French (comments off), whose typography puts a narrow no-break space before : ; ! ? ».
 * - A visitor and a member search with and without accents, in the plural, with quotes, with nothing
 *   but "#", with a very long query; they open the hashtag page of #café and #cafe, and page through
 *   "More results" (in French too).
 * Every page passes axe and none scrolls sideways at 320 px.
 */

const PASSWORD = "correct horse battery staple";
const WIDTH = 320;
const BROWSER_LOCALE: Record<Lang, string> = { en: "en-GB", fr: "fr-FR" };

/** What the pages of these two features say, written out (not taken from the catalogues). */
const WORDS = {
  en: {
    notificationsLink: "Choose what you are notified about",
    settingsTitle: "Notification settings",
    back: "Back to your settings",
    sections: ["Posts and comments", "People", "Events"],
    reactions: "Someone reacts to my posts",
    comments: "Someone comments on my posts",
    save: "Save notification preferences",
    saved: "Your notification preferences are saved.",
    searchField: "Search people, posts and hashtags",
    searchTitle: "Search",
    nothing: "Nothing to search for: type at least one word, name or #hashtag, with letters or digits.",
    nobody: "Nobody found.",
    hashtags: "Hashtags",
    more: "More results",
    all: (q: string) => `All results for “${q}”`,
    tagged: (tag: string) => `Posts tagged #${tag}`,
  },
  fr: {
    notificationsLink: "Choisir ce dont vous êtes averti·e",
    settingsTitle: "Paramètres des notifications",
    back: "Retour à vos paramètres",
    sections: ["Publications et commentaires", "Personnes", "Événements"],
    reactions: "Quelqu’un réagit à mes publications",
    comments: "Quelqu’un commente mes publications",
    save: "Enregistrer les préférences de notification",
    saved: "Vos préférences de notification sont enregistrées.",
    searchField: "Rechercher des personnes, des publications et des hashtags",
    searchTitle: "Recherche",
    nothing:
      "Rien à chercher\u202f: saisissez au moins un mot, un nom ou un #hashtag, avec des lettres ou des chiffres.",
    nobody: "Aucune personne trouvée.",
    hashtags: "Hashtags",
    more: "Plus de résultats",
    all: (q: string) => `Tous les résultats pour «\u202f${q}\u202f»`,
    tagged: (tag: string) => `Publications avec #${tag}`,
  },
} as const;

const stage = setStage();

async function visitor(lang: Lang): Promise<Page> {
  const v = await stage.visitor({
    locale: BROWSER_LOCALE[lang],
    viewport: { width: WIDTH, height: 720 },
  });
  v.context.setDefaultTimeout(20_000);
  return v.page;
}

async function signedIn(handle: string, lang: Lang): Promise<Page> {
  const page = await visitor(lang);
  await visit(page, "/");
  await signIn(page, UI[lang], handle, PASSWORD);
  return page;
}

/** Writes a public post through the composer; resolves with its address. */
async function publish(page: Page, body: string): Promise<string> {
  await visit(page, "/posts/new");
  await page.getByLabel("What do you want to share?", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await arrive(page, /\/posts\/[0-9a-f-]{36}\?notice=created$/);
  return new URL(page.url()).pathname;
}

/** Presses Tab until `target` has the focus (at most 60 times): the page is usable without a mouse. */
async function tabTo(page: Page, describe: string, isTarget: () => Promise<boolean>): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    if (await isTarget()) return;
  }
  assert.fail(`Tab never reached ${describe} on ${page.url()}`);
}

const focused = (page: Page, id: string) => page.evaluate((id) => document.activeElement?.id === id, id);
const focusedButton = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      document.activeElement instanceof HTMLButtonElement &&
      document.activeElement.textContent?.trim() === name,
    name,
  );

/** Fails if a French text puts an ordinary or a wide no-break space where a narrow one belongs. */
async function assertFrenchSpacing(page: Page, where: string): Promise<void> {
  const text = (await page.locator("main").textContent()) ?? "";
  const wrong = [...text.matchAll(/.{0,20}(?:[ \u00a0][:;!?»]|«[ \u00a0]).{0,20}/g)].map((m) => m[0]);
  assert.deepEqual(
    wrong,
    [],
    `${where}: a narrow no-break space (U+202F) belongs before : ; ! ? » and after «`,
  );
}

/** The notification settings as a person reads them: every choice with its label and description. */
async function readSettings(page: Page, lang: Lang): Promise<void> {
  const w = WORDS[lang];
  await page.getByRole("heading", { level: 1, name: w.settingsTitle, exact: true }).waitFor();
  assert.equal(await page.title(), `${w.settingsTitle} · Liens`);
  for (const section of w.sections) await page.getByRole("group", { name: section, exact: true }).waitFor();
  const boxes = page.getByRole("checkbox");
  assert.equal(await boxes.count(), 13);
  for (const box of await boxes.all()) {
    const label = await box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? "");
    assert.ok(label.length > 5 && label.length <= 60, `a short label: "${label}"`);
    const [description = ""] = await descriptions(box);
    assert.ok(description.length > 20, `"${label}" is described: "${description}"`);
  }
  await assertNoHorizontalScroll(page, WIDTH);
  if (lang === "fr") await assertFrenchSpacing(page, page.url());
}

/** Turns one choice off with the keyboard alone, saves with Enter, and checks the choice is kept. */
async function turnOffByKeyboard(page: Page, lang: Lang, choiceId: string, label: string): Promise<void> {
  const w = WORDS[lang];
  await page.getByRole("link", { name: w.back, exact: true }).focus();
  await tabTo(page, label, () => focused(page, choiceId));
  await page.keyboard.press("Space");
  assert.equal(await page.getByRole("checkbox", { name: label, exact: true }).isChecked(), false);
  await tabTo(page, w.save, () => focusedButton(page, w.save));
  await page.keyboard.press("Enter");
  await arrive(page, "/settings/notifications?notice=saved");
  await page.getByRole("status").filter({ hasText: w.saved }).waitFor();
  assert.equal(await page.getByRole("checkbox", { name: label, exact: true }).isChecked(), false);
  const on = await page.getByRole("checkbox", { checked: true }).count();
  assert.equal(on, 12, "every other choice is still on");
  // Kept, not only shown: the page read again says the same.
  await visit(page, "/settings/notifications");
  assert.equal(await page.getByRole("checkbox", { name: label, exact: true }).isChecked(), false);
}

/** The unread count in the navigation's Notifications link ("" when none). */
async function badge(page: Page, lang: Lang): Promise<string> {
  const link = mainNav(page, UI[lang]).getByRole("link", { name: /^Notifications/ });
  return ((await link.locator(".badge [aria-hidden]").allInnerTexts())[0] ?? "").trim();
}

/** Searches from the search page's field (typing, then Enter), as a person would. */
async function searchFor(page: Page, lang: Lang, query: string): Promise<void> {
  const field = page.getByRole("searchbox", { name: WORDS[lang].searchField, exact: true });
  await field.fill(query);
  await field.press("Enter");
  await arrive(page, /\/search\?q=/);
  await assertNoHorizontalScroll(page, WIDTH);
}

const postsSection = (page: Page, lang: Lang, later = false) =>
  page.getByRole("region", {
    name: lang === "en" ? `Posts${later ? " (continued)" : ""}` : `Publications${later ? " (suite)" : ""}`,
    exact: true,
  });
const hashtagsSection = (page: Page, lang: Lang) =>
  page.getByRole("region", { name: WORDS[lang].hashtags, exact: true });

describe("notification settings", () => {
  let alicePost = "";
  let bobPost = "";

  test("Alice finds her notification settings and reads every choice (English, 320 px)", async () => {
    for (const handle of ["alice", "bob"]) await createAccount(stage.server, { handle, password: PASSWORD });
    const a = await signedIn("alice", "en");
    alicePost = await publish(a, "Morning at the #Café, then the #meetup by the river");
    await openAccountMenu(a, UI.en, "alice");
    await mainNav(a, UI.en).getByRole("link", { name: UI.en.settings, exact: true }).click();
    await arrive(a, "/settings");
    await a.getByRole("link", { name: WORDS.en.notificationsLink, exact: true }).click();
    await arrive(a, "/settings/notifications");
    await readSettings(a, "en");
  });

  test("she turns reactions off with the keyboard alone; Bob's reaction then reaches no badge", async () => {
    const a = await signedIn("alice", "en");
    await visit(a, "/settings/notifications");
    await turnOffByKeyboard(a, "en", "notify-reaction", WORDS.en.reactions);

    const b = await signedIn("bob", "en");
    await visit(b, alicePost);
    await b.getByRole("button", { name: "Like", exact: true }).first().click();
    await b
      .getByRole("button", { name: /^Like\b/, pressed: true })
      .first()
      .waitFor();
    await visit(a, "/");
    assert.equal(await badge(a, "en"), "", "a reaction turned off makes no badge");

    await visit(b, alicePost);
    await b.getByLabel("Write a comment", { exact: true }).fill("Count me in for the meetup!");
    await b.getByRole("button", { name: "Comment", exact: true }).click();
    await arrive(b, /\?notice=commented#post-/);
    bobPost = await publish(b, "Rencontre au château samedi");
    await visit(a, "/");
    assert.equal(await badge(a, "en"), "1", "a comment still does");
    await mainNav(a, UI.en)
      .getByRole("link", { name: /^Notifications/ })
      .click();
    await arrive(a, "/notifications");
    await a.getByText("bob commented on your post.", { exact: true }).waitFor();
    assert.equal(await a.getByText("bob reacted to your post.").count(), 0);
    // The way from the notifications to their settings.
    await a.getByRole("link", { name: WORDS.en.notificationsLink, exact: true }).click();
    await arrive(a, "/settings/notifications");
    await a.getByRole("link", { name: WORDS.en.back, exact: true }).click();
    await arrive(a, "/settings");
  });

  test("Bob, in French, turns comments off the same way; Alice's comment reaches no badge", async () => {
    const b = await signedIn("bob", "fr");
    await visit(b, "/settings/notifications");
    await readSettings(b, "fr");
    await turnOffByKeyboard(b, "fr", "notify-reply", WORDS.fr.comments);
    await assertFrenchSpacing(b, "saved (fr)");

    const a = await signedIn("alice", "en");
    await visit(a, bobPost);
    await a.getByLabel("Write a comment", { exact: true }).fill("Lovely, see you there");
    await a.getByRole("button", { name: "Comment", exact: true }).click();
    await arrive(a, /\?notice=commented#post-/);
    await visit(b, "/");
    assert.equal(await badge(b, "fr"), "", "a comment turned off makes no badge");
  });
});

describe("search: accents, plurals, odd queries", () => {
  test("a visitor finds café from cafe, meetup from meetups, and the hashtag either way", async () => {
    const v = await visitor("en");
    await visit(v, "/search");
    for (const [query, tag] of [
      ["cafe", "cafe"],
      ["CAFÉ", "cafe"],
      ["#Café", "cafe"],
      ['"cafe"', "cafe"],
      ["meetups", "meetup"],
    ] as const) {
      await searchFor(v, "en", query);
      assert.equal(await v.title(), `Results for “${query}” · Liens`);
      await postsSection(v, "en").getByText("Morning at the", { exact: false }).waitFor();
      await hashtagsSection(v, "en")
        .getByRole("link", { name: `#${tag}`, exact: true })
        .waitFor();
    }
    await hashtagsSection(v, "en").getByRole("link", { name: "#meetup", exact: true }).click();
    await arrive(v, "/tags/meetup");
    await v.getByRole("heading", { level: 1, name: WORDS.en.tagged("meetup"), exact: true }).waitFor();
    assert.equal(await v.title(), `${WORDS.en.tagged("meetup")} · Liens`);
    for (const path of ["/tags/caf%C3%A9", "/tags/cafe", "/tags/CAFE", "/tags/%23Cafe"]) {
      await visit(v, path);
      assert.equal(new URL(v.url()).pathname, "/tags/cafe", `${path}: one address`);
      assert.equal(await v.title(), `${WORDS.en.tagged("cafe")} · Liens`, path);
      await v.getByText("Morning at the", { exact: false }).waitFor();
      await assertNoHorizontalScroll(v, WIDTH);
    }
  });

  test("nothing to search for, a very long query, and no match: each gets a clear answer", async () => {
    for (const lang of ["en", "fr"] as const) {
      const w = WORDS[lang];
      const p = lang === "en" ? await signedIn("bob", "en") : await visitor("fr");
      await visit(p, "/search");
      for (const query of ["#", '"!?"', "   "]) {
        await searchFor(p, lang, query);
        assert.equal(await p.title(), `${w.searchTitle} · Liens`);
        await p.getByText(w.nothing, { exact: true }).waitFor();
        const field = p.getByRole("searchbox", { name: w.searchField, exact: true });
        assert.ok((await descriptions(field)).includes(w.nothing), "the message describes the field");
        assert.equal(await postsSection(p, lang).count(), 0, "no empty sections");
      }
      // The field holds what the search uses: typing past it is cut, and the page answers.
      await searchFor(p, lang, `${"café ".repeat(80)}`);
      const kept = await p.getByRole("searchbox", { name: w.searchField, exact: true }).inputValue();
      assert.equal(kept.length, 200);
      await searchFor(p, lang, "zyxwvu");
      await p.getByText(w.nobody, { exact: true }).waitFor();
      if (lang === "fr") await assertFrenchSpacing(p, "search (fr)");
    }
  });

  test("More results pages through the posts, in French, each once", async () => {
    const a = await signedIn("alice", "en");
    const csrf = (await a.context().cookies()).find((c) => c.name === "liens_csrf")?.value ?? "";
    // 22 more posts with the word (written through the form's own endpoint, faster than the composer).
    for (let i = 0; i < 22; i++) {
      const response = await a.request.post("/posts", {
        form: { _csrf: csrf, body: `Rencontre numéro ${i} au château`, visibility: "public" },
        maxRedirects: 0,
      });
      assert.equal(response.status(), 303);
    }
    const v = await visitor("fr");
    await visit(v, "/search");
    await searchFor(v, "fr", "rencontres chateau");
    const firstPage = await postsSection(v, "fr").getByRole("article").count();
    assert.equal(firstPage, 20);
    await v.getByRole("link", { name: WORDS.fr.more, exact: true }).click();
    await arrive(v, /section=posts&after=/);
    await v.getByRole("link", { name: WORDS.fr.all("rencontres chateau"), exact: true }).waitFor();
    const secondPage = await postsSection(v, "fr", true).getByRole("article").count();
    // 22 of Alice's and Bob's one.
    assert.equal(firstPage + secondPage, 23);
    assert.equal(await v.getByRole("link", { name: WORDS.fr.more, exact: true }).count(), 0);
    await assertNoHorizontalScroll(v, WIDTH);
    await assertFrenchSpacing(v, "second page (fr)");
    // A later page says so, and ends with the way back to the first results.
    const pager = v.getByRole("navigation", { name: "Pages de publications trouvées", exact: true });
    await pager.getByRole("link", { name: "Premiers résultats", exact: true }).click();
    await arrive(v, "/search?q=rencontres+chateau");
    assert.equal(await postsSection(v, "fr").getByRole("article").count(), 20);
  });
});

import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import { newVisitor } from "./browser.ts";
import {
  arrive,
  assertNoHorizontalScroll,
  descriptions,
  type Lang,
  mainNav,
  openAccountMenu,
  signIn,
  signOut,
  UI,
  visit,
  type Words,
} from "./people.ts";
import { createAccount, type E2EServer } from "./server.ts";
import { startServerAndBrowser } from "./setup.ts";

const PASSWORD = "correct horse battery staple";
const BROWSER_LOCALE: Record<Lang, string> = { en: "en-GB", fr: "fr-FR" };
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

let server: E2EServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Screenshots for a person to look at: $E2E_SCREENSHOTS (default: the temp directory)/e2e-<name>.png. */
async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({
    path: join(process.env.E2E_SCREENSHOTS ?? tmpdir(), `e2e-${name}.png`),
    ...options,
  });
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

/** The field's error is announced with it (aria-describedby) and shown right under it. */
async function assertErrorBeside(page: Page, field: Locator, message: string): Promise<void> {
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.ok((await descriptions(field)).includes(message), `the field is not described by “${message}”`);
  const error = page.getByText(message, { exact: true });
  assert.ok(await error.isVisible(), `“${message}” is not visible`);
  const [fieldBox, errorBox] = await Promise.all([field.boundingBox(), error.boundingBox()]);
  assert.ok(fieldBox && errorBox);
  const gap = errorBox.y - (fieldBox.y + fieldBox.height);
  assert.ok(gap >= 0 && gap < 24, `“${message}” is ${gap}px from its field`);
}

async function person(lang: Lang, options: Parameters<typeof newVisitor>[2] = {}) {
  return newVisitor(browser, server.url, { locale: BROWSER_LOCALE[lang], ...options });
}

describe("accounts and profiles", () => {
  const journeys: {
    lang: Lang;
    handle: string;
    name: string;
    bio: string;
    location: string;
    headline: string;
  }[] = [
    {
      lang: "en",
      handle: "alice",
      name: "Alice Martin",
      bio: "I grow tomatoes and fix bicycles.",
      location: "Lyon",
      headline: "Community gardener",
    },
    {
      lang: "fr",
      handle: "benedicte",
      name: "Bénédicte Roy",
      bio: "Je cultive des tomates et je répare des vélos.",
      location: "Grenoble",
      headline: "Jardinière de quartier",
    },
  ];

  for (const j of journeys) {
    test(`sign up, sign out, sign in and choose who sees each profile field (${j.lang})`, async () => {
      const w: Words = UI[j.lang];
      const me = await person(j.lang);
      const { page } = me;

      await visit(page, "/");
      assert.equal(await htmlLang(page), j.lang, "the browser's language was not honoured");
      await page.getByText(w.tagline).first().waitFor();
      await mainNav(page, w).getByRole("link", { name: w.signUpLink, exact: true }).click();
      await arrive(page, "/signup");
      await page.getByRole("heading", { level: 1, name: w.signUpTitle }).waitFor();

      // A first try with a handle that cannot be and a password too short.
      const handleField = page.getByLabel(w.handle, { exact: true });
      const passwordField = page.getByLabel(w.password, { exact: true });
      await handleField.fill("bad handle!");
      await page.getByLabel(w.displayName, { exact: true }).fill(j.name);
      await page.getByLabel(w.email, { exact: true }).fill(`${j.handle}@example.test`);
      await passwordField.fill("short");
      await page.getByRole("button", { name: w.createAccount, exact: true }).click();
      await page.getByRole("alert").filter({ hasText: w.errorSummary }).waitFor();
      await checkA11y(page, "sign-up with errors");
      assert.equal(await handleField.inputValue(), "bad handle!", "the typed handle was lost");
      assert.equal(await page.getByLabel(w.displayName, { exact: true }).inputValue(), j.name);
      assert.equal(await page.getByLabel(w.email, { exact: true }).inputValue(), `${j.handle}@example.test`);
      await assertErrorBeside(page, handleField, w.handleFormat);
      await assertErrorBeside(page, passwordField, w.passwordShort);
      if (j.lang === "en") await screenshot(page, "signup-error", { fullPage: true });

      // Corrected, the account is created and its owner is asked to complete the profile.
      await handleField.fill(j.handle);
      await passwordField.fill(PASSWORD);
      await page.getByRole("button", { name: w.createAccount, exact: true }).click();
      await arrive(page, "/profile/edit");
      await page.getByRole("heading", { level: 1, name: w.editProfileTitle }).waitFor();

      await signOut(page, w, j.handle);
      await signIn(page, w, j.handle, PASSWORD);
      await page.getByRole("heading", { level: 1, name: w.welcome(j.name) }).waitFor();

      // The profile: the location for connections only, the rest for everyone.
      await page.getByRole("link", { name: w.completeProfile, exact: true }).click();
      await arrive(page, "/profile/edit");
      await page.getByLabel(w.bio, { exact: true }).fill(j.bio);
      await page.getByLabel(w.audienceOf(w.bio), { exact: true }).selectOption({ label: w.everyone });
      await page.getByLabel(w.location, { exact: true }).fill(j.location);
      await page.getByLabel(w.audienceOf(w.location), { exact: true }).selectOption({ label: w.connections });
      await page.getByLabel(w.headline, { exact: true }).fill(j.headline);
      await page.getByLabel(w.audienceOf(w.headline), { exact: true }).selectOption({ label: w.everyone });
      await page.getByRole("button", { name: w.save, exact: true }).click();
      await arrive(page, "/profile/edit?notice=saved");
      await page.getByRole("status").filter({ hasText: w.saved }).waitFor();
      assert.equal(await page.getByLabel(w.location, { exact: true }).inputValue(), j.location);
      assert.equal(
        await page.getByLabel(w.audienceOf(w.location), { exact: true }).inputValue(),
        "connections",
        "the audience was not kept",
      );

      // Its owner sees every field.
      await openAccountMenu(page, w, j.handle);
      await mainNav(page, w).getByRole("link", { name: w.profile, exact: true }).click();
      await arrive(page, `/@${j.handle}`);
      const main = page.getByRole("main");
      await main.getByRole("heading", { level: 1, name: j.name }).waitFor();
      for (const text of [j.bio, j.location, j.headline, w.location, w.bio, w.personal]) {
        assert.ok(
          await main.getByText(text, { exact: true }).first().isVisible(),
          `the owner does not see “${text}”`,
        );
      }
      if (j.lang === "en") await screenshot(page, "profile", { fullPage: true });

      // The owner's preview as a visitor hides it.
      await page.getByRole("link", { name: w.previewAsVisitor, exact: true }).click();
      await arrive(page, `/@${j.handle}?as=anonymous`);
      await page.getByRole("status").filter({ hasText: w.previewing }).waitFor();
      assert.equal(await main.getByText(j.location).count(), 0, "the preview shows the location");
      assert.ok(await main.getByText(j.bio, { exact: true }).isVisible());

      // Someone not signed in, in another browser: the public fields, never the connections-only one.
      const stranger = await person(j.lang);
      await visit(stranger.page, `/@${j.handle}`);
      const theirMain = stranger.page.getByRole("main");
      await theirMain.getByRole("heading", { level: 1, name: j.name }).waitFor();
      assert.equal(await htmlLang(stranger.page), j.lang);
      for (const text of [j.bio, j.headline, w.bio]) {
        assert.ok(
          await theirMain.getByText(text, { exact: true }).first().isVisible(),
          `a visitor misses “${text}”`,
        );
      }
      assert.equal(
        await theirMain.getByText(j.location).count(),
        0,
        "a visitor sees the connections-only location",
      );
      assert.equal(
        await theirMain.getByText(w.location, { exact: true }).count(),
        0,
        "a visitor sees its label",
      );
      assert.equal(await theirMain.getByRole("link", { name: w.editProfileLink }).count(), 0);

      await stranger.finish();
      await me.finish();
    });
  }

  test("the language switch on every page shows it in the other language, and remembers", async () => {
    const { page, finish } = await person("en");
    await visit(page, "/signin");
    await page.getByRole("heading", { level: 1, name: UI.en.signInTitle }).waitFor();

    // For a visitor the switch is a plain link (a cookie, no form); a member's is a button that also saves it.
    await page.getByRole("link", { name: UI.en.switchTo }).click();
    await page.getByRole("heading", { level: 1, name: UI.fr.signInTitle }).waitFor();
    await checkA11y(page, "sign-in after switching to French");
    assert.equal(new URL(page.url()).pathname, "/signin", "the switch left the page");
    assert.equal(await htmlLang(page), "fr");
    assert.ok(await page.getByLabel(UI.fr.login, { exact: true }).isVisible());

    await mainNav(page, UI.fr).getByRole("link", { name: UI.fr.signUpLink, exact: true }).click();
    await arrive(page, "/signup");
    await page.getByRole("heading", { level: 1, name: UI.fr.signUpTitle }).waitFor();

    await page.getByRole("link", { name: UI.fr.switchTo }).click();
    await page.getByRole("heading", { level: 1, name: UI.en.signUpTitle }).waitFor();
    await checkA11y(page, "sign-up after switching back to English");
    assert.equal(await htmlLang(page), "en");
    await finish();
  });

  test("the settings list where one is signed in, and another session can be revoked", async () => {
    await createAccount(server, { handle: "carol", password: PASSWORD });
    const w = UI.en;
    const laptop = await person("en");
    const phone = await person("en", { userAgent: FIREFOX_ON_WINDOWS });
    for (const { page } of [laptop, phone]) {
      await visit(page, "/");
      await signIn(page, w, "carol", PASSWORD);
    }

    const page = laptop.page;
    await openAccountMenu(page, w, "carol");
    await mainNav(page, w).getByRole("link", { name: w.settings, exact: true }).click();
    await arrive(page, "/settings");
    const sessions = page.getByRole("region", { name: w.sessions }).getByRole("table");
    assert.equal(await sessions.getByRole("row").count(), 3, "expected a header and two sessions");
    const current = sessions.getByRole("row").filter({ hasText: w.thisSession });
    assert.match((await current.textContent()) ?? "", /Chrome · Linux/);
    const revoke = page.getByRole("button", { name: w.revokeSessionOf("Firefox · Windows"), exact: true });
    await revoke.click();
    await arrive(page, "/settings?notice=revoked");
    await page.getByRole("status").filter({ hasText: w.revoked }).waitFor();
    assert.equal(await sessions.getByRole("row").count(), 2, "the revoked session is still listed");
    assert.equal(await revoke.count(), 0);

    // The other browser is signed out.
    await phone.page.reload();
    await checkA11y(phone.page, "home after the session was revoked");
    await mainNav(phone.page, w).getByRole("link", { name: w.signInLink, exact: true }).waitFor();
    assert.equal(await phone.page.getByText(`${w.account} @carol`).count(), 0);

    await phone.finish();
    await laptop.finish();
  });

  test("at 320 px wide no page scrolls sideways (English in light colours, French in dark)", async () => {
    const handle = "dominique";
    await createAccount(server, { handle, password: PASSWORD });
    const longLink = "https://example.org/a/rather/long/address/that/does/not/break/by/itself/anywhere";
    for (const lang of ["en", "fr"] as const) {
      const w = UI[lang];
      // The dark palette gets the same axe checks (contrast) as the light one.
      const colorScheme = lang === "en" ? "light" : "dark";
      const { page, finish } = await person(lang, { viewport: { width: 320, height: 720 }, colorScheme });
      for (const path of ["/", "/signin", "/signup"]) {
        await visit(page, path);
        await assertNoHorizontalScroll(page, 320);
      }
      await page.getByLabel(w.handle, { exact: true }).fill("bad handle!");
      await page.getByLabel(w.email, { exact: true }).fill("someone@example.test");
      await page.getByLabel(w.password, { exact: true }).fill("short");
      await page.getByRole("button", { name: w.createAccount, exact: true }).click();
      await page.getByRole("alert").filter({ hasText: w.errorSummary }).waitFor();
      await checkA11y(page, "sign-up with errors at 320 px");
      await assertNoHorizontalScroll(page, 320);
      await screenshot(page, `mobile-signup-error-${lang}-${colorScheme}`);

      await signIn(page, w, handle, PASSWORD);
      await assertNoHorizontalScroll(page, 320);
      if (lang === "en") {
        // Long unbroken words and addresses must wrap, not widen the page.
        await visit(page, "/profile/edit");
        await page.getByLabel(w.bio, { exact: true }).fill(`Unbreakable: ${"a".repeat(80)}`);
        await page.getByLabel(/^Personal links$/).fill(`Blog ${longLink}`);
        await page.getByRole("button", { name: w.save, exact: true }).click();
        await arrive(page, "/profile/edit?notice=saved");
        await assertNoHorizontalScroll(page, 320);
      }
      const rest =
        lang === "en" ? [`/@${handle}`, "/settings"] : ["/profile/edit", `/@${handle}`, "/settings"];
      for (const path of rest) {
        await visit(page, path);
        await assertNoHorizontalScroll(page, 320);
        if (lang === "en" && path === `/@${handle}`) await screenshot(page, "mobile-profile");
        if (lang === "fr" && path === "/settings") await screenshot(page, "mobile-settings-fr-dark");
      }
      await openAccountMenu(page, w, handle);
      await assertNoHorizontalScroll(page, 320);
      await finish();
    }
  });
});

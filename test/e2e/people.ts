import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";

/** What a person reads on the pages, in each language (written out, not taken from the catalogues). */
export const UI = {
  en: {
    nav: "Main",
    signUpLink: "Create an account",
    signUpTitle: "Create your account",
    handle: "Handle",
    displayName: "Name shown to others",
    email: "Email",
    password: "Password",
    createAccount: "Create my account",
    errorSummary: "Please correct the highlighted fields.",
    handleFormat: "Use 1 to 30 lower-case letters, digits or _.",
    passwordShort: "Use at least 10 characters.",
    signInLink: "Sign in",
    signInTitle: "Sign in",
    login: "Handle or email",
    signInButton: "Sign in",
    signOut: "Sign out",
    /** The account menu's label, as each language writes a label (its colon included). */
    account: "Your account:",
    profile: "Profile",
    settings: "Settings",
    editProfileTitle: "Edit your profile",
    editProfileLink: "Edit profile",
    completeProfile: "Complete your profile",
    name: "Name",
    bio: "About",
    location: "Location",
    headline: "Headline",
    audienceOf: (field: string) => `Who sees “${field}”`,
    everyone: "Everyone",
    connections: "Connections",
    save: "Save profile",
    saved: "Your profile is saved.",
    personal: "Personal",
    previewAsVisitor: "a visitor",
    previewing: "You are seeing your profile as a visitor would.",
    switchTo: "Français",
    welcome: (name: string) => `Welcome, ${name}.`,
    tagline: "The place to develop real relationships.",
    sessions: "Sessions",
    thisSession: "This session",
    revokeSessionOf: (device: string) => `Revoke the session of ${device}`,
    revoked: "The session is revoked.",
  },
  fr: {
    nav: "Principal",
    signUpLink: "Créer un compte",
    signUpTitle: "Créer votre compte",
    handle: "Identifiant",
    displayName: "Nom affiché",
    email: "Adresse e-mail",
    password: "Mot de passe",
    createAccount: "Créer mon compte",
    errorSummary: "Corrigez les champs signalés, s’il vous plaît.",
    handleFormat: "Utilisez de 1 à 30 lettres minuscules, chiffres ou _.",
    passwordShort: "Utilisez au moins 10 caractères.",
    signInLink: "Se connecter",
    signInTitle: "Se connecter",
    login: "Identifiant ou adresse e-mail",
    signInButton: "Se connecter",
    signOut: "Se déconnecter",
    account: "Votre compte\u202f:",
    profile: "Profil",
    settings: "Paramètres",
    editProfileTitle: "Modifier votre profil",
    editProfileLink: "Modifier le profil",
    completeProfile: "Compléter votre profil",
    name: "Nom",
    bio: "À propos",
    location: "Lieu",
    headline: "Titre",
    audienceOf: (field: string) => `Qui voit «\u202f${field}\u202f»`,
    everyone: "Tout le monde",
    connections: "Relations",
    save: "Enregistrer le profil",
    saved: "Votre profil est enregistré.",
    personal: "Personnel",
    previewAsVisitor: "un visiteur",
    previewing: "Vous voyez votre profil comme un visiteur le verrait.",
    switchTo: "English",
    welcome: (name: string) => `Bienvenue, ${name}.`,
    tagline: "L’endroit pour développer de vraies relations.",
    sessions: "Sessions",
    thisSession: "Cette session",
    revokeSessionOf: (device: string) => `Révoquer la session de ${device}`,
    revoked: "La session est révoquée.",
  },
} as const;

export type Lang = keyof typeof UI;
export type Words = (typeof UI)[Lang];

/** Navigates (by URL, as when following a link from elsewhere) and checks the page with axe. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await checkA11y(page);
}

/** Waits for the page a click led to (by its path), then checks it with axe. */
export async function arrive(page: Page, path: string | RegExp): Promise<void> {
  const matches =
    typeof path === "string"
      ? (url: URL) => url.pathname + url.search === path
      : (url: URL) => path.test(url.href);
  await page.waitForURL(matches);
  await checkA11y(page);
}

export function mainNav(page: Page, w: Words): Locator {
  return page.getByRole("navigation", { name: w.nav, exact: true });
}

/** Opens the account menu (the disclosure showing @handle) and checks it is there. */
export async function openAccountMenu(page: Page, w: Words, handle: string): Promise<void> {
  const summary = mainNav(page, w).getByText(`${w.account} @${handle}`, { exact: true });
  await summary.click();
  await mainNav(page, w).getByRole("link", { name: w.settings, exact: true }).waitFor();
  await checkA11y(page, `${page.url()} (account menu open)`);
}

export async function signOut(page: Page, w: Words, handle: string): Promise<void> {
  await openAccountMenu(page, w, handle);
  await page.getByRole("button", { name: w.signOut, exact: true }).click();
  await arrive(page, "/");
  await mainNav(page, w).getByRole("link", { name: w.signInLink, exact: true }).waitFor();
}

/** Signs in from any signed-out page by following the navigation's link. */
export async function signIn(page: Page, w: Words, login: string, password: string): Promise<void> {
  await mainNav(page, w).getByRole("link", { name: w.signInLink, exact: true }).click();
  await arrive(page, "/signin");
  await page.getByRole("heading", { level: 1, name: w.signInTitle }).waitFor();
  await page.getByLabel(w.login, { exact: true }).fill(login);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: w.signInButton, exact: true }).click();
  await arrive(page, "/");
}

/** The texts of the elements a control's aria-describedby points at. */
export async function descriptions(control: Locator): Promise<string[]> {
  return control.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(missing #${id})`),
  );
}

/** Fails if the page scrolls sideways (content wider than the viewport). */
export async function assertNoHorizontalScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${page.url()} is ${scrollWidth}px wide at a ${width}px viewport`);
}

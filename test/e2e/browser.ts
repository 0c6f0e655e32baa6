import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { assertEveryPageChecked, trackPages } from "./a11y.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's headless Chromium (install it with `apt-get install -y chromium`). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Console errors known and accepted; keep this list empty unless a reason is written beside an entry. */
const KNOWN_CONSOLE_ERRORS: RegExp[] = [];

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Fails if any page logged an error (a CSP violation, a script error) or went unchecked by axe. */
  finish(): Promise<void>;
}

/**
 * A person at a browser: a fresh context (no cookies) with one page, whose documents are counted
 * for the accessibility check and whose console errors fail the test.
 */
export async function newVisitor(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<Visitor> {
  const context = await browser.newContext({ baseURL, locale: "en-GB", ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  trackPages(page);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    // Failed loads are judged below from the responses themselves (a 422 form page is expected).
    if (text.startsWith("Failed to load resource:")) return;
    if (KNOWN_CONSOLE_ERRORS.some((known) => known.test(text))) return;
    errors.push(`${page.url()}: ${text}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    const request = response.request();
    if (request.resourceType() === "document" || response.status() < 400) return;
    if (new URL(response.url()).pathname === "/favicon.ico") return;
    errors.push(`${page.url()}: ${request.resourceType()} ${response.url()} answered ${response.status()}`);
  });
  return {
    context,
    page,
    async finish() {
      try {
        assert.deepEqual(errors, [], `The browser reported errors:\n${errors.join("\n")}`);
        assertEveryPageChecked(page);
      } finally {
        await context.close();
      }
    },
  };
}

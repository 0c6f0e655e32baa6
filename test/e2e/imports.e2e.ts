import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { linkedInZip, VCARD } from "../services/imports.fixtures.ts";
import { checkA11y } from "./a11y.ts";
import { newVisitor, type Visitor } from "./browser.ts";
import { arrive, mainNav, openAccountMenu, signIn, UI, visit } from "./people.ts";
import { createAccount, type E2EServer } from "./server.ts";
import { startServerAndBrowser } from "./setup.ts";

/**
 * Issue 7, "Bring your network": Inès uploads her LinkedIn export and her address book together,
 * reviews the people found in both, merges them, and finds her contacts with their history.
 */

const PASSWORD = "correct horse battery staple";
const w = UI.en;

let server: E2EServer;
let browser: Browser;
let ines: Visitor;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a contact from the address book by name, and returns its id. */
async function openContact(page: Page, name: string): Promise<string> {
  await visit(page, "/contacts");
  await page.getByRole("link", { name, exact: true }).click();
  await arrive(page, /\/contacts\/[0-9a-f-]+$/);
  await page.getByRole("heading", { level: 1, name }).waitFor();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

describe("imports: a LinkedIn export and an address book, reviewed and merged (issue 7)", () => {
  test("Inès uploads both files and follows the reading", async () => {
    await createAccount(server, { handle: "ines", password: PASSWORD });
    ines = await newVisitor(browser, server.url, { locale: "en-GB" });
    ines.context.setDefaultTimeout(30_000);
    const page = ines.page;
    await visit(page, "/");
    await signIn(page, w, "ines", PASSWORD);
    await openAccountMenu(page, w, "ines");
    await mainNav(page, w).getByRole("link", { name: "Import and export", exact: true }).click();
    await arrive(page, "/settings/data");
    await page.getByLabel("Export files", { exact: true }).setInputFiles([
      { name: "Basic_LinkedInDataExport.zip", mimeType: "application/zip", buffer: linkedInZip() },
      { name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(VCARD) },
    ]);
    await page.getByRole("button", { name: "Upload and read", exact: true }).click();
    await arrive(page, /\/settings\/data\/imports\/[0-9a-f-]+$/);
    // The page follows the background job and reloads itself on the review.
    await page.getByRole("heading", { level: 2, name: "The same person? (2)" }).waitFor();
    await checkA11y(page, "the review");
  });

  test("she merges the people seen in both files, and imports", async () => {
    const page = ines.page;
    const amelie = page.getByRole("group", { name: "Amélie Poulain and Amélie Poulain" });
    assert.equal(await amelie.getByRole("radio", { name: "Merge" }).isChecked(), true);
    const chloe = page.getByRole("group", { name: "Chloé Martin and Chloé Martin" });
    // Same name and company only: offered, not chosen for her.
    assert.equal(await chloe.getByRole("radio", { name: "Keep separate" }).isChecked(), true);
    await chloe.getByRole("radio", { name: "Merge" }).check();
    const id = new URL(page.url()).pathname.split("/").pop();
    await page.getByRole("button", { name: "Import 6 people", exact: true }).click();
    await arrive(page, `/settings/data/imports/${id}?notice=committing`);
    await page.getByText("The import is done.", { exact: true }).waitFor();
    await checkA11y(page, "the import's result");
    await page.getByText("New contacts: 4", { exact: true }).waitFor();
    await page.getByText("Merged into another record: 2", { exact: true }).waitFor();
    await page.getByText("1 × deactivated profiles (no name)", { exact: true }).waitFor();
  });

  test("her contacts carry how they met, from both sources, and a strength", async () => {
    const page = ines.page;
    await page.getByRole("link", { name: "See your contacts", exact: true }).click();
    await arrive(page, "/contacts");
    const amelie = await openContact(page, "Amélie Poulain");
    await page.getByText(/LinkedIn connection since February 3, 2024/).waitFor();
    await page.getByText(/Invitation: “Hi Amélie, we met at the Paris meetup!”/).waitFor();
    await page.getByRole("link", { name: "amelie@example.net", exact: true }).waitFor();
    await openContact(page, "Chloé Martin");
    await page.getByText(/LinkedIn connection since January 10, 2023/).waitFor();
    await page.getByRole("link", { name: "chloe@example.net", exact: true }).waitFor();
    await openContact(page, "Dmitri Ivanov");
    await page.getByText("Met at the climbing gym", { exact: true }).waitFor();

    // The history made the tie's strength start above zero.
    const strengthOf = async (contactId: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        await visit(page, `/nurture/with/contact/${contactId}`);
        const value = Number(await page.getByRole("meter", { name: "Strength" }).getAttribute("value"));
        if (value > 0) return value;
        await page.waitForTimeout(200);
      }
      return 0;
    };
    assert.ok((await strengthOf(amelie)) > 0, "Amélie's tie has a strength");
    await ines.finish();
  });
});

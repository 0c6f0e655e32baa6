import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, DEFAULT_PASSWORD, signedInClient, type TestAccount } from "../helpers/factories.ts";
import { linkedInZip, runJobs, VCARD } from "../services/imports.fixtures.ts";

function upload(name: string, data: Uint8Array): FormData {
  const form = new FormData();
  form.set("file", new File([data as Uint8Array<ArrayBuffer>], name));
  return form;
}

describe("the import and export pages", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let owner: TestClient;
  let stranger: TestClient;

  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" });
    owner = await signedInClient(ctx, alice);
    stranger = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "mallory" }));
  });
  after(() => ctx.close());

  it("shows the upload form, the export and the deletion sections", async () => {
    const page = await (await owner.get("/settings/data")).text();
    assert.match(page, /<h1>Import and export<\/h1>/);
    assert.match(page, /<label for="field-file">Export files<\/label>/);
    assert.match(page, /enctype="multipart\/form-data"/);
    assert.match(page, /Prepare an export/);
    assert.match(page, /Delete my account/);
    const anonymous = await new TestClient(ctx.app).get("/settings/data");
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get("location") ?? "", /^\/signin\?next=%2Fsettings%2Fdata/);
  });

  it("says what is missing when no file is sent", async () => {
    const response = await owner.postMultipart("/settings/data/import", new FormData());
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Choose a file to import\./);
  });

  it("follows an upload live, reviews the merge, and commits", async () => {
    // Two files at once: the LinkedIn zip and an address book, with the same people in both.
    const form = upload("Basic_LinkedInDataExport.zip", linkedInZip());
    form.append("file", new File([VCARD], "contacts.vcf"));
    const posted = await owner.postMultipart("/settings/data/import", form);
    assert.equal(posted.status, 303);
    const location = posted.headers.get("location") ?? "";
    assert.match(location, /^\/settings\/data\/imports\/[0-9a-f-]+$/);
    const id = location.split("/").pop() ?? "";
    const running = await (await owner.get(location)).text();
    assert.match(running, /Reading Basic_LinkedInDataExport\.zip, contacts\.vcf…/);
    assert.match(running, new RegExp(`hx-get="/settings/data/imports/${id}/status"`));
    const fragment = await owner.get(`${location}/status`);
    assert.equal(fragment.headers.get("hx-refresh"), null);
    assert.match(await fragment.text(), /<progress/);

    await runJobs(ctx);
    const over = await owner.get(`${location}/status`);
    assert.equal(over.headers.get("hx-refresh"), "true");
    const review = await (await owner.get(location)).text();
    assert.match(review, /The same person\? \(2\)/);
    assert.match(review, /same profile address/);
    assert.match(review, /same name and organisation/);
    const merges = [...review.matchAll(/name="(merge-[0-9a-f-]+)" value="yes"( checked="")?/g)];
    assert.equal(merges.length, 2);
    assert.match(review, /Import 6 people/);
    const nameOrg = merges.find((m) => !m[2])?.[1] ?? "";

    // Others see nothing of it.
    assert.equal((await stranger.get(location)).status, 404);
    assert.equal((await stranger.get(`${location}/status`)).status, 404);
    assert.equal((await stranger.post(`${location}/commit`, {})).status, 404);
    assert.equal((await stranger.post(`${location}/cancel`, {})).status, 404);

    const committed = await owner.post(`${location}/commit`, { [nameOrg]: "yes" });
    assert.equal(committed.status, 303);
    assert.equal(committed.headers.get("location"), `${location}?notice=committing`);
    assert.match(
      await (await owner.get(`${location}?notice=committing`)).text(),
      /Adding the people to your contacts/,
    );
    await runJobs(ctx);
    const done = await (await owner.get(location)).text();
    assert.match(done, /The import is done\./);
    assert.match(done, /New contacts: 4/);
    assert.match(done, /Merged into another record: 2/);
    assert.match(done, /1 × deactivated profiles \(no name\)/);
    const contacts = await (await owner.get("/contacts")).text();
    assert.match(contacts, /Amélie Poulain/);
    // Committing twice is refused clearly.
    const again = await owner.post(`${location}/commit`, {});
    assert.equal(again.status, 409);
    assert.match(await again.text(), /not waiting for a review any more/);
  });

  it("names the problem and the file, in the person's language", async () => {
    const posted = await owner.postMultipart(
      "/settings/data/import",
      upload("notes.csv", Buffer.from("a;b\n1;2\n")),
    );
    const location = posted.headers.get("location") ?? "";
    await runJobs(ctx);
    const english = await (await owner.get(location)).text();
    assert.match(english, /notes\.csv is not a file Liens can import/);
    assert.match(english, /Nothing was added to your contacts\./);
    const french = await signedInClient(ctx, alice, { "accept-language": "fr" });
    await french.post("/language", { locale: "fr", next: "/" });
    const page = await (await french.get(location)).text();
    assert.match(page, /notes\.csv n’est pas un fichier que Liens sait importer/);
    const removed = await owner.post(`${location}/cancel`, {});
    assert.equal(removed.headers.get("location"), "/settings/data?notice=importCancelled");
    await owner.post("/language", { locale: "en", next: "/" });
  });

  it("prepares an export in the background and lets only its owner download it", async () => {
    const requested = await owner.post("/settings/data/export", {});
    assert.equal(requested.headers.get("location"), "/settings/data?notice=exportRequested#export");
    const pending = await (await owner.get("/settings/data?notice=exportRequested")).text();
    assert.match(pending, /Your export is being prepared/);
    assert.match(pending, /hx-get="\/settings\/data\/exports"/);
    await runJobs(ctx);
    const ready = await (await owner.get("/settings/data/exports")).text();
    const href = /href="(\/settings\/data\/exports\/[0-9a-f-]+\/download)"/.exec(ready)?.[1] ?? "";
    assert.ok(href, ready);
    const file = await owner.get(href);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "application/zip");
    assert.match(
      file.headers.get("content-disposition") ?? "",
      /attachment; filename="liens-alice-2026-03-02\.zip"/,
    );
    assert.equal(Buffer.from(await file.arrayBuffer()).readUInt32LE(0), 0x04034b50);
    assert.equal((await stranger.get(href)).status, 404);
  });

  it("schedules the deletion after the password, and a new sign-in cancels it with a notice", async () => {
    const wrong = await owner.post("/settings/data/delete", { password: "not it", confirm: "on" });
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /This is not your current password\./);
    const done = await owner.post("/settings/data/delete", { password: DEFAULT_PASSWORD, confirm: "on" });
    assert.equal(done.status, 303);
    const location = done.headers.get("location") ?? "";
    assert.equal(location, `/account-deletion?on=${encodeURIComponent("2026-04-01T09:00:00.000Z")}`);
    assert.equal(owner.cookies.has("liens_session"), false);
    assert.match(await (await owner.get(location)).text(), /will be deleted on April 1, 2026/);
    const visitor = new TestClient(ctx.app);
    const signedIn = await visitor.post("/signin", { login: "alice", password: DEFAULT_PASSWORD });
    assert.equal(signedIn.headers.get("location"), "/settings/data?notice=deletionCancelled");
    const page = await (await visitor.get("/settings/data?notice=deletionCancelled")).text();
    assert.match(page, /Signing in cancelled the deletion of your account/);
    assert.match(page, /Delete my account/);
  });
});

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { createPostgresSchema } from "../src/db/index.ts";
import { CONNECTIONS, INVITATIONS, linkedInZip, MESSAGES, VCARD } from "./services/imports.fixtures.ts";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "bin", "liens.js");

describe("liens import", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "liens-cli-import-"));
  const files = mkdtempSync(join(tmpdir(), "liens-cli-files-"));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = `cli_${uuidv7().replace(/-/g, "")}`;
  const databaseUrl = pgUrl
    ? `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    : "";
  const env = {
    ...process.env,
    LIENS_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "error" as const,
  };
  const liens = (...args: string[]) => run(process.execPath, [bin, ...args], { env });

  before(async () => {
    if (pgUrl) await createPostgresSchema(pgUrl, schema);
    await run(process.execPath, [bin, "create-admin", "--handle", "alice", "--email", "alice@example.test"], {
      env,
    });
    writeFileSync(join(files, "export.zip"), linkedInZip());
    mkdirSync(join(files, "unzipped"));
    writeFileSync(join(files, "unzipped", "Connections.csv"), CONNECTIONS);
    writeFileSync(join(files, "unzipped", "Invitations.csv"), INVITATIONS);
    writeFileSync(join(files, "unzipped", "messages.csv"), MESSAGES);
    writeFileSync(join(files, "unzipped", "notes.txt"), "not an export");
    writeFileSync(join(files, "contacts.vcf"), VCARD);
    writeFileSync(
      join(files, "latin1.csv"),
      Buffer.from(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJos\u00e9,A,,,,,01 Jan 2020\n",
        "latin1",
      ),
    );
  });
  after(async () => {
    if (pgUrl) await createPostgresSchema(pgUrl, schema, true);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it("explains itself", async () => {
    assert.match(
      (await liens("import", "--help")).stdout,
      /Usage: liens import <file-or-folder> --user <handle>/,
    );
    assert.match((await liens("--help")).stdout, /import <path> --user <handle>/);
    await assert.rejects(liens("import", join(files, "export.zip")), (e: { code: number }) => e.code === 2);
  });

  it("imports a zip with a summary: created, matched, merged, skipped with reasons, facts", async () => {
    const { stdout } = await liens("import", join(files, "export.zip"), "--user", "alice");
    assert.match(stdout, /Imported Connections\.csv, Invitations\.csv, messages\.csv for @alice/);
    assert.match(stdout, /created: +3 new contacts/);
    assert.match(stdout, /matched: +0 /);
    assert.match(stdout, /facts: +7 added/);
    assert.match(stdout, /skipped: +1\n +1 deactivated profiles/);
  });

  it("changes nothing when the same export comes again, unzipped", async () => {
    const { stdout } = await liens("import", join(files, "unzipped"), "--user", "@alice");
    assert.match(stdout, /created: +0 new contacts/);
    assert.match(stdout, /unchanged: +3 already imported/);
    assert.match(stdout, /facts: +0 added/);
  });

  it("merges the same person from an address book, as proposed", async () => {
    const { stdout } = await liens("import", join(files, "contacts.vcf"), "--user", "alice");
    assert.match(stdout, /created: +2 new contacts/);
    assert.match(stdout, /merged: +1 records merged/);
  });

  it("refuses a bad file, naming it, and a handle that does not exist", async () => {
    await assert.rejects(
      liens("import", join(files, "latin1.csv"), "--user", "alice"),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /Refused, nothing was imported: latin1\.csv: the file is not UTF-8 text/);
        return true;
      },
    );
    await assert.rejects(
      liens("import", join(files, "contacts.vcf"), "--user", "nobody"),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /No account has the handle nobody/);
        return true;
      },
    );
    await assert.rejects(
      liens("import", join(files, "missing.zip"), "--user", "alice"),
      (e: { stderr: string }) => /missing\.zip: no such file or folder/.test(e.stderr),
    );
  });
});

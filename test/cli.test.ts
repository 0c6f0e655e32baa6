import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { createPostgresSchema } from "../src/db/index.ts";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "bin", "liens.js");

describe("the liens command", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "liens-cli-"));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = `cli_${uuidv7().replace(/-/g, "")}`;
  // On PostgreSQL the CLI gets its own schema through the connection string's options.
  const databaseUrl = pgUrl
    ? `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    : "";
  const env = {
    ...process.env,
    LIENS_DATA_DIR: dataDir,
    PUBLIC_URL: "https://liens.example",
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "error" as const,
  };
  const liens = (...args: string[]) => run(process.execPath, [bin, ...args], { env });

  before(async () => {
    if (pgUrl) await createPostgresSchema(pgUrl, schema);
  });
  after(async () => {
    if (pgUrl) await createPostgresSchema(pgUrl, schema, true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("explains itself and each command", async () => {
    assert.match((await liens("--help")).stdout, /serve.*migrate.*create-admin.*reset-password/s);
    for (const command of ["serve", "migrate", "create-admin", "reset-password"]) {
      assert.match((await liens(command, "--help")).stdout, new RegExp(`Usage: liens ${command}`));
    }
    await assert.rejects(
      liens("dance"),
      (error: { code: number; stderr: string }) => error.code === 2 && /Unknown command/.test(error.stderr),
    );
  });

  it("migrates, then has nothing left to apply", async () => {
    assert.match((await liens("migrate")).stdout, /Applied: 0001_accounts/);
    assert.match((await liens("migrate")).stdout, /up to date/);
  });

  it("creates an admin and prints a one-time link to choose a password", async () => {
    const { stdout } = await liens("create-admin", "--handle", "Operator", "--email", "ops@example.test");
    assert.match(stdout, /Created admin @operator/);
    assert.match(stdout, /https:\/\/liens\.example\/reset-password\/[\w-]{43}/);
  });

  it("refuses a bad handle with the reason, and prints reset links for existing accounts only", async () => {
    await assert.rejects(
      liens("create-admin", "--handle", "bad handle", "--email", "x@example.test"),
      (error: { code: number; stderr: string }) => {
        return error.code === 1 && /handle: Use 1 to 30 lower-case letters/.test(error.stderr);
      },
    );
    assert.match((await liens("reset-password", "@operator")).stdout, /One-time link for @operator/);
    await assert.rejects(liens("reset-password", "ghost"), (error: { stderr: string }) =>
      /No account has the handle ghost/.test(error.stderr),
    );
  });
});

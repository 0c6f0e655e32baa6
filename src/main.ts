import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { getLogger } from "@logtape/logtape";
import { bootstrap } from "./bootstrap.ts";
import { IMPORT_HELP, runImportCommand } from "./cli/import.ts";
import { loadConfig } from "./config.ts";
import { migrate, openDatabase } from "./db/index.ts";
import { DomainError } from "./domain/errors.ts";
import { translator } from "./i18n/index.ts";
import { setUpLogging } from "./logging.ts";
import { register } from "./services/accounts/register.ts";
import { createPasswordResetLink } from "./services/accounts/reset-link.ts";
import { startWorker } from "./services/jobs/run.ts";
import { createApp } from "./web/app.ts";

const HELP: Record<string, string> = {
  main: `Liens — a social network for developing real relationships.

Usage: liens <command> [options]

Commands:
  serve                 Start the web server (applies pending migrations first)
  migrate               Apply pending database migrations
  create-admin          Create an administrator account
  reset-password <handle>  Print a one-time password-reset link for an account
  import <path> --user <handle>  Import an export (LinkedIn, X, Facebook, vCard, Mastodon) into contacts
  worker                Run background jobs (when LIENS_WORKER=separate)

Run "liens <command> --help" for a command's options. Configuration comes from
environment variables: see the README.`,
  serve: `Usage: liens serve

Starts Liens on HOST:PORT (default 0.0.0.0:3000) with the database in LIENS_DATA_DIR
(default ./data) or DATABASE_URL. Pending migrations are applied first.`,
  worker: `Usage: liens worker

Runs background jobs (timeline fan-out, notifications, imports, exports, reminders, decay) until
stopped. Start one or more beside "liens serve" when LIENS_WORKER=separate; with the default
LIENS_WORKER=inline, "liens serve" runs them itself.`,
  migrate: `Usage: liens migrate

Applies every pending migration to the configured database and prints their names.`,
  "create-admin": `Usage: liens create-admin --handle <handle> --email <email> [--password-stdin]

Creates an administrator, whatever the registration mode. Without --password-stdin a random
password is set and a one-time link is printed to choose one.`,
  "reset-password": `Usage: liens reset-password <handle>

Prints a one-time link (valid one hour) with which the account's owner sets a new password.`,
  import: IMPORT_HELP,
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function describe(error: unknown): string {
  if (error instanceof DomainError) {
    const t = translator("en");
    const fields = "fields" in error ? Object.entries(error.fields as Record<string, { key: string }>) : [];
    if (fields.length > 0) return fields.map(([field, m]) => `${field || "error"}: ${t(m.key)}`).join("\n");
    return t(error.messageKey, error.params);
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  const [command = "help", ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      handle: { type: "string" },
      email: { type: "string" },
      "password-stdin": { type: "boolean" },
      user: { type: "string" },
    },
  });
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(HELP.main);
    return 0;
  }
  if (!HELP[command]) {
    console.error(`Unknown command: ${command}\n\n${HELP.main}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP[command]);
    return 0;
  }

  const config = loadConfig();
  await setUpLogging(config);

  if (command === "migrate") {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const applied = await migrate(database.db);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
    await database.destroy();
    return 0;
  }

  const { deps, database, testClock } = await bootstrap(config, {
    longRunning: command === "serve" || command === "worker",
    checkpoints: command === "worker" || config.worker === "inline",
  });

  if (command === "serve") {
    // One request's stray promise must not take every other person's session down with it.
    process.on("unhandledRejection", (error) => {
      getLogger(["liens"]).error("Unhandled rejection: {error}", { error });
    });
    const app = createApp(deps, testClock ? { testClock } : {});
    const worker = config.worker === "inline" ? startWorker(deps) : null;
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      getLogger(["liens"]).info("Liens listening on {url} ({engine})", {
        url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port}`,
        engine: database.engine,
      });
    });
    const stop = () => {
      server.close(
        () =>
          void Promise.resolve(worker?.stop())
            .then(() => database.destroy())
            .then(() => process.exit(0)),
      );
      setTimeout(() => process.exit(0), 5000).unref();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return -1;
  }

  if (command === "worker") {
    process.on("unhandledRejection", (error) => {
      getLogger(["liens"]).error("Unhandled rejection: {error}", { error });
    });
    const worker = startWorker(deps);
    getLogger(["liens"]).info("Liens worker running ({engine})", { engine: database.engine });
    const stop = () => {
      void worker
        .stop()
        .then(() => database.destroy())
        .then(() => process.exit(0));
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return -1;
  }

  try {
    if (command === "create-admin") {
      if (!values.handle || !values.email) {
        console.error(HELP["create-admin"]);
        return 2;
      }
      const password = values["password-stdin"] ? await readStdin() : randomBytes(24).toString("base64url");
      const account = await register(
        deps,
        { handle: values.handle, email: values.email, password },
        { asAdmin: true },
      );
      console.log(`Created admin @${account.handle}.`);
      if (!values["password-stdin"]) {
        const { url } = await createPasswordResetLink(deps, account.handle);
        console.log(`Choose a password within an hour: ${url}`);
      }
      return 0;
    }
    if (command === "import") return await runImportCommand(deps, positionals[0], values.user);
    if (command === "reset-password") {
      const handle = positionals[0];
      if (!handle) {
        console.error(HELP["reset-password"]);
        return 2;
      }
      const { url, expiresAt } = await createPasswordResetLink(deps, handle);
      console.log(`One-time link for @${handle.replace(/^@/, "")} (valid until ${expiresAt}):\n${url}`);
      return 0;
    }
    return 2;
  } catch (error) {
    console.error(describe(error));
    return 1;
  } finally {
    await database.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createPostgresSchema } from "../../src/db/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** The bundle `npm start` runs (`npm run test:e2e` builds it first): journeys test what ships. */
const BUNDLE = join(ROOT, "dist/liens.mjs");
const STARTUP_TIMEOUT_MS = 30_000;

export interface E2EServer {
  /** The server's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Runs a `liens` CLI command against the same database; resolves with its output. */
  cli(args: string[], stdin?: string): Promise<string>;
  /** Moves the server's clock forward (a test-mode-only endpoint); resolves with the server's new time. */
  advanceClock(ms: number): Promise<Date>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** The PostgreSQL URL pinned to one schema (through libpq's `options`), keeping any other parameter. */
function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

function run(child: ChildProcess, stdin?: string): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("close", (code) => done({ code, output }));
  });
}

async function waitForHealth(url: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure !== null) throw new Error(`The server exited before it was ready:\n${failure}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not answer ${url}/health within ${STARTUP_TIMEOUT_MS} ms`);
}

/**
 * Starts the real server (`liens serve`) as a child process on a free port, with a fresh data
 * directory: SQLite by default, or a fresh schema of TEST_DATABASE_URL's PostgreSQL database.
 */
export async function startServer(): Promise<E2EServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "liens-e2e-"));
  const postgres = process.env.TEST_DATABASE_URL;
  const schema = postgres ? `e2e_${process.pid}_${Date.now()}` : undefined;
  if (postgres && schema) await createPostgresSchema(postgres, schema);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // tsx runs on `env node`: make that the pinned Node 24 (from the npm `node` package).
    PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: url,
    LIENS_DATA_DIR: dataDir,
    NODE_ENV: "test",
    LIENS_TEST_CLOCK: "true",
    LOG_LEVEL: "warning",
  };
  delete env.DATABASE_URL;
  if (postgres && schema) env.DATABASE_URL = withSearchPath(postgres, schema);

  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [BUNDLE, "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends whatever the server started
  });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => {
    log += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    log += chunk.toString("utf8");
  });
  let exitCode: number | null = null;
  let exitedEarly = false;
  let stopping = false;
  const closed = new Promise<void>((done) => {
    child.once("close", (code) => {
      exitCode = code;
      exitedEarly = true;
      // A server that dies during a journey says why, instead of leaving only "connection refused".
      if (!stopping)
        console.error(
          `The Liens server exited with code ${code} during the test. Its log:\n${log.slice(-8000)}`,
        );
      done();
    });
  });

  // Should the test process end without stop() (a crash, Ctrl-C), take the server down with it.
  const killOnExit = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    stopping = true;
    process.off("exit", killOnExit);
    if (!exitedEarly && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await closed;
      clearTimeout(killer);
    }
    if (postgres && schema) await createPostgresSchema(postgres, schema, true);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, () => (exitedEarly ? `exit code ${exitCode}\n${log}` : null));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    async cli(args, stdin) {
      const proc = spawn(process.execPath, [BUNDLE, ...args], {
        cwd: ROOT,
        env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      const { code, output } = await run(proc, stdin);
      if (code !== 0) throw new Error(`liens ${args.join(" ")} failed (${code}):\n${output}`);
      return output;
    },
    async advanceClock(ms) {
      const response = await fetch(`${url}/__test/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceMs: ms }),
      });
      if (!response.ok) throw new Error(`The server refused to move its clock: ${response.status}`);
      const { now } = (await response.json()) as { now: string };
      return new Date(now);
    },
    stop,
  };
}

export interface AccountInput {
  handle: string;
  email?: string;
  password: string;
}

/**
 * Creates an account quickly through the CLI (`liens create-admin --password-stdin`), without a
 * browser. The account is an administrator; use the sign-up page when the journey is the point.
 */
export async function createAccount(server: E2EServer, input: AccountInput): Promise<AccountInput> {
  const email = input.email ?? `${input.handle}@example.test`;
  await server.cli(
    ["create-admin", "--handle", input.handle, "--email", email, "--password-stdin"],
    input.password,
  );
  return { ...input, email };
}

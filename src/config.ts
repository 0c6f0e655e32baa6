import { resolve } from "node:path";
import { z } from "zod";

/** Every setting Liens reads from the environment, with the embedded defaults. The README lists them. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  LIENS_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  LIENS_INSTANCE_NAME: z.string().default("Liens"),
  LIENS_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  LOG_LEVEL: z.enum(["debug", "info", "warning", "error"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LIENS_WORKER: z.enum(["inline", "separate"]).default("inline"),
  LIENS_TEST_CLOCK: z.enum(["true", "false", "1", "0"]).default("false"),
  SMTP_URL: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  instanceName: string;
  trustProxy: boolean;
  logLevel: "debug" | "info" | "warning" | "error";
  env: "development" | "production" | "test";
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  /** "inline": `serve` runs background jobs itself; "separate": a `liens worker` process does. */
  worker: "inline" | "separate";
  /** Test mode only: the server's clock can be moved forward through POST /__test/clock. */
  testClock: boolean;
  /** smtp(s)://user:pass@host:port for outgoing mail; without it, mail is written to <dataDir>/mail/. */
  smtpUrl: string | undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: resolve(e.LIENS_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    instanceName: e.LIENS_INSTANCE_NAME,
    trustProxy: e.LIENS_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    secureCookies: publicUrl.startsWith("https:"),
    worker: e.LIENS_WORKER,
    testClock: e.NODE_ENV === "test" && (e.LIENS_TEST_CLOCK === "true" || e.LIENS_TEST_CLOCK === "1"),
    smtpUrl: e.SMTP_URL || undefined,
  };
}

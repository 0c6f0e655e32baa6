import type { Kysely } from "kysely";
import type { Config } from "../config.ts";
import type { Database } from "../db/schema.ts";
import type { Storage } from "./storage.ts";

export interface Clock {
  now(): Date;
}

/** What every use case may depend on; each verb takes only the parts it needs. */
export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  newId: () => string;
  config: Config;
  storage: Storage;
  /** log2 of scrypt's N for new password hashes (tests lower it; verification reads it from the hash). */
  passwordCost: number;
}

/** The signed-in person, as every layer sees them. */
export interface Viewer {
  accountId: string;
  sessionId: string;
  handle: string;
  displayName: string;
  role: "admin" | "member";
  locale: string | null;
  timeZone: string | null;
}

export const systemClock: Clock = { now: () => new Date() };

export function addSeconds(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

import type { Migration } from "kysely";
import * as m0001 from "./0001_accounts.ts";

/** Append-only: add a new file and a new line; never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
};

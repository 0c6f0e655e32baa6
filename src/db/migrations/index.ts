import type { Migration } from "kysely";
import * as m0001 from "./0001_accounts.ts";
import * as m0002 from "./0002_follows.ts";
import * as m0003 from "./0003_contact.ts";
import * as m0006 from "./0006_profile_tags.ts";

/** Append-only: add a new file and a new line; never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_follows": m0002,
  "0003_contact": m0003,
  "0006_profile_tags": m0006,
};

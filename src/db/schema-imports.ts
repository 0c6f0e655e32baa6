import type { Generated } from "kysely";

/** Table types of the imports area (imports, exports, account deletion); `Database` in schema.ts extends this. */
export interface ImportsTables {
  imports: ImportsTable;
  import_people: ImportPeopleTable;
  import_merges: ImportMergesTable;
  import_facts: ImportFactsTable;
  import_contacts: ImportContactsTable;
  contact_sources: ContactSourcesTable;
  exports: ExportsTable;
  account_deletions: AccountDeletionsTable;
}

export type ImportStatus = "parsing" | "review" | "committing" | "done" | "failed" | "cancelled";

/** One import: an upload (or a CLI run) parsed into a staging area, reviewed, then committed once. */
export interface ImportsTable {
  id: string;
  owner_id: string;
  status: ImportStatus;
  /** What the person gave: a file name, or a folder's name for the CLI. */
  file_name: string;
  /** Storage key of the uploaded bytes while the import is not committed; null for the CLI. */
  file_key: string | null;
  file_size: number;
  /** Work done and to do in the current phase (bytes while parsing, rows while writing). */
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  /** ImportErrorCode of a failed import, and the file it concerns. */
  error_code: string | null;
  error_file: string | null;
  /** JSON: counts and skipped reasons of the parse, then of the commit. */
  summary: Generated<string>;
  /** Locale used for the "how we met" texts written at commit. */
  locale: string;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
}

/** A person found in the files, with what the review decided about them. */
export interface ImportPeopleTable {
  id: string;
  import_id: string;
  /** Order in the files, for a stable review. */
  position: number;
  source: string;
  source_key: string;
  display_name: string;
  /** JSON of the parsed ImportedPerson. */
  data: string;
  /** JSON array of the dated facts given with the person: [kind, direction, occurred_at ISO, undated 0/1, note]; later ones are in import_facts. */
  facts: Generated<string>;
  /** Existing contact of the owner this person is (source key) or may be (email, URL, handle). */
  contact_id: string | null;
  /** Liens member this person may be. */
  actor_id: string | null;
  /** source | email | url | handle */
  match_reason: string | null;
  /** 1: use the match (default); 0: the person chose to keep them apart. */
  match_accepted: Generated<number>;
}

/** More facts of a staged person (given after the person was staged), in the order of the files (`seq`). */
export interface ImportFactsTable {
  import_id: string;
  /** import_people.id */
  person_id: string;
  seq: number;
  /** JSON array like import_people.facts: [kind, direction, occurred_at ISO, undated 0/1, note]. */
  facts: string;
}

/** A contact created by an import whose commit is under way: removed if the commit fails, emptied when done. */
export interface ImportContactsTable {
  import_id: string;
  contact_id: string;
}

/** A proposal: two people of the import may be the same person. */
export interface ImportMergesTable {
  id: string;
  import_id: string;
  a_id: string;
  b_id: string;
  /** email | url | handle | name_org */
  reason: string;
  accepted: number;
}

/** Every (source, source key) a contact came from: what makes a re-import change nothing. */
export interface ContactSourcesTable {
  owner_id: string;
  source: string;
  source_key: string;
  contact_id: string;
  import_id: string | null;
  created_at: string;
}

export type ExportStatus = "pending" | "ready" | "failed";

export interface ExportsTable {
  id: string;
  owner_id: string;
  status: ExportStatus;
  file_key: string | null;
  size: number | null;
  created_at: string;
  finished_at: string | null;
  expires_at: string | null;
}

/** An account whose owner asked for deletion: purged at `purge_at` unless they sign in before. */
export interface AccountDeletionsTable {
  account_id: string;
  requested_at: string;
  purge_at: string;
}

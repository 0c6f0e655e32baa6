import type { Generated } from "kysely";

/** Table types of the job queue; `Database` in schema.ts extends this. */
export interface JobsTables {
  jobs: JobsTable;
}

export type JobStatus = "pending" | "running" | "done" | "failed";

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  key: string | null;
  status: JobStatus;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  /** A running job's claim; past it, another worker may take the job again. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

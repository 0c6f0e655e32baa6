/** What the import pages show: an import's status, its review, the person's recent imports. */
import { NotFound } from "../../domain/errors.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { ImportSummary } from "./commit.ts";

export interface ImportStatusView {
  id: string;
  status: "parsing" | "review" | "committing" | "done" | "failed" | "cancelled";
  fileName: string;
  /** 0..100 */
  percent: number;
  errorCode: string | null;
  errorFile: string | null;
  summary: ImportSummary;
  createdAt: string;
}

/** The viewer's own import; anyone else's answers NotFound. */
export async function readImportStatus(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  importId: string,
): Promise<ImportStatusView> {
  const row = await deps.db
    .selectFrom("imports")
    .selectAll()
    .where("id", "=", importId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    percent: row.progress_total > 0 ? Math.floor((100 * row.progress_done) / row.progress_total) : 0,
    errorCode: row.error_code,
    errorFile: row.error_file,
    summary: JSON.parse(row.summary) as ImportSummary,
    createdAt: row.created_at,
  };
}

export async function listImports(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  limit = 10,
): Promise<ImportStatusView[]> {
  const rows = await deps.db
    .selectFrom("imports")
    .select("id")
    .where("owner_id", "=", viewer.accountId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return Promise.all(rows.map((r) => readImportStatus(deps, viewer, r.id)));
}

export interface ReviewPerson {
  id: string;
  name: string;
  source: string;
  organisation: string | null;
  role: string | null;
  email: string | null;
  url: string | null;
}

export interface ReviewMatch {
  person: ReviewPerson;
  reason: string;
  accepted: boolean;
  member: { handle: string; displayName: string; domain: string | null } | null;
  contact: { id: string; name: string } | null;
}

export interface ReviewMerge {
  id: string;
  a: ReviewPerson;
  b: ReviewPerson;
  reason: string;
  accepted: boolean;
}

export interface ImportReview {
  status: ImportStatusView;
  matches: ReviewMatch[];
  matchCount: number;
  merges: ReviewMerge[];
  mergeCount: number;
  /** People with no match: they become new contacts. */
  sample: ReviewPerson[];
  newCount: number;
  /** Already imported before (same source id): left as they are. */
  alreadyImported: number;
}

function reviewPerson(row: { id: string; source: string; display_name: string; data: string }): ReviewPerson {
  const p = JSON.parse(row.data) as ImportedPerson;
  return {
    id: row.id,
    name: row.display_name,
    source: row.source,
    organisation: p.organisation ?? null,
    role: p.role ?? null,
    email: p.emails[0] ?? null,
    url: p.urls[0] ?? null,
  };
}

/** The review step: matches and proposed merges (the first `limit` of each), and what else will be created. */
export async function readReview(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  importId: string,
  limit = 200,
): Promise<ImportReview> {
  const status = await readImportStatus(deps, viewer, importId);
  const db = deps.db;
  const base = db.selectFrom("import_people").where("import_id", "=", importId);
  const [matchRows, matchCount, mergeRows, mergeCount, sampleRows, newCount, already] = await Promise.all([
    base
      .leftJoin("actors", "actors.id", "import_people.actor_id")
      .leftJoin("contacts", "contacts.id", "import_people.contact_id")
      .select([
        "import_people.id",
        "import_people.source",
        "import_people.display_name",
        "import_people.data",
        "import_people.match_reason",
        "import_people.match_accepted",
        "actors.handle",
        "actors.display_name as actor_name",
        "actors.domain",
        "contacts.id as contact_id",
        "contacts.name as contact_name",
      ])
      .where("import_people.match_reason", "is not", null)
      .where("import_people.match_reason", "!=", "source")
      .orderBy("import_people.position")
      .limit(limit)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("match_reason", "is not", null)
      .where("match_reason", "!=", "source")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("import_merges as m")
      .innerJoin("import_people as a", "a.id", "m.a_id")
      .innerJoin("import_people as b", "b.id", "m.b_id")
      .select([
        "m.id",
        "m.reason",
        "m.accepted",
        "a.id as a_id",
        "a.source as a_source",
        "a.display_name as a_name",
        "a.data as a_data",
        "b.id as b_id",
        "b.source as b_source",
        "b.display_name as b_name",
        "b.data as b_data",
      ])
      .where("m.import_id", "=", importId)
      .orderBy("m.id")
      .limit(limit)
      .execute(),
    db
      .selectFrom("import_merges")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("import_id", "=", importId)
      .executeTakeFirstOrThrow(),
    base
      .select(["id", "source", "display_name", "data"])
      .where("match_reason", "is", null)
      .orderBy("position")
      .limit(50)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("match_reason", "is", null)
      .executeTakeFirstOrThrow(),
    base
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("match_reason", "=", "source")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    status,
    matches: matchRows.map((r) => ({
      person: reviewPerson(r),
      reason: r.match_reason ?? "",
      accepted: r.match_accepted === 1,
      member: r.handle ? { handle: r.handle, displayName: r.actor_name ?? r.handle, domain: r.domain } : null,
      contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? "" } : null,
    })),
    matchCount: Number(matchCount.n),
    merges: mergeRows.map((r) => ({
      id: r.id,
      reason: r.reason,
      accepted: r.accepted === 1,
      a: reviewPerson({ id: r.a_id, source: r.a_source, display_name: r.a_name, data: r.a_data }),
      b: reviewPerson({ id: r.b_id, source: r.b_source, display_name: r.b_name, data: r.b_data }),
    })),
    mergeCount: Number(mergeCount.n),
    sample: sampleRows.map(reviewPerson),
    newCount: Number(newCount.n),
    alreadyImported: Number(already.n),
  };
}

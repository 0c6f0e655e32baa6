/**
 * The staging area, written while the files are read: one import_people row per person (a person met
 * again in another file, or later in the same one, is merged into their row), with the facts given
 * with them; facts given later (messages of a connection) go to import_facts, one row per person and
 * piece of file. Only what joining needs stays in memory: the staged people's source ids, as hashes to
 * their positions (position-index.ts), checked against the rows. Rows go in small batches, each its
 * own statement, so that other requests are served meanwhile; a failure leaves only staging rows,
 * which the caller removes. Nothing here touches contacts or the ledger.
 */
import type { Selectable } from "kysely";
import type { ImportPeopleTable } from "../../db/schema-imports.ts";
import type { ImportedFact, ImportedPerson } from "../../domain/imports/model.ts";
import { mergePerson } from "../../domain/imports/model.ts";
import { normalizeName } from "../../domain/imports/text.ts";
import type { Deps } from "../deps.ts";
import { shapedChunks } from "./chunks.ts";
import type { MergeReason } from "./match.ts";
import { PositionIndex } from "./position-index.ts";
import type { ImportSink } from "./read.ts";
import { insertStatement } from "./statements.ts";

export const BATCH = 500;
/** Staged people read per query when looking them up. */
const READ_PAGE = 1000;

/** A staged fact: kind, direction, ISO time, undated (0/1), note. */
export type StagedFactTuple = [string, string, string, number, string | null];

/** What the parse found, kept on the import for the review and the final summary. */
export interface ParseSummary {
  files: string[];
  ignoredFiles: string[];
  people: number;
  facts: number;
  /** reason → count, from the parsers (deactivated profiles, drafts, unreadable rows…). */
  skipped: Record<string, number>;
  warnings: string[];
  matches: number;
  existing: number;
  proposals: number;
}

const keyOf = (source: string, sourceKey: string) => `${source}\u0000${sourceKey}`;

type PersonRow = Selectable<ImportPeopleTable>;
type FactsRow = { import_id: string; person_id: string; seq: number; facts: string };

const insertPeople = insertStatement<PersonRow>(
  [
    "id",
    "import_id",
    "position",
    "source",
    "source_key",
    "display_name",
    "data",
    "facts",
    "contact_id",
    "actor_id",
    "match_reason",
    "match_accepted",
  ],
  (db, rows) => db.insertInto("import_people").values(rows),
);
const insertFacts = insertStatement<FactsRow>(["import_id", "person_id", "seq", "facts"], (db, rows) =>
  db.insertInto("import_facts").values(rows),
);

/** The stored form of a person merged with a record of them met later (the stored one wins). */
function mergedData(stored: string, later: ImportedPerson): string {
  const a = JSON.parse(stored) as ImportedPerson;
  // Spread onto `a` first, so that the keys keep their order and an unchanged person compares equal.
  return JSON.stringify({ ...a, ...mergePerson(a, later) });
}

export class Stager implements ImportSink {
  /** source + source id → position of the staged person (a candidate, to check against the row). */
  private readonly index = new PositionIndex();
  /** LinkedIn people known only by name (invitations or messages without a profile URL). */
  private readonly nameOnly: { id: string; name: string }[] = [];
  private position = 0;
  private seq = 0;
  private lastSource = "";
  people = 0;
  facts = 0;
  /** Facts whose person is in no file. */
  dropped = 0;

  constructor(
    private readonly deps: Pick<Deps, "db" | "newId">,
    private readonly importId: string,
  ) {}

  async add(people: ImportedPerson[], facts: ImportedFact[]): Promise<void> {
    // A parser's facts are about people of its own source, given before or with them.
    const source = people[0]?.source ?? this.lastSource;
    const factsOf = new Map<string, StagedFactTuple[]>();
    for (const f of facts) {
      const key = keyOf(source, f.personKey);
      const list = factsOf.get(key) ?? [];
      list.push([
        f.kind,
        f.direction,
        f.occurredAt.toISOString(),
        f.undated ? 1 : 0,
        f.note?.slice(0, 2000) ?? null,
      ]);
      factsOf.set(key, list);
    }
    // The facts of a new person travel in their row; those of a person staged before get rows of their own.
    const ids = new Map<string, string>();
    for (let i = 0; i < people.length; i += BATCH)
      await this.addPeople(people.slice(i, i + BATCH), factsOf, ids);
    const earlier = [...factsOf.keys()].filter((key) => !ids.has(key));
    if (earlier.length > 0) for (const [key, row] of await this.staged(earlier)) ids.set(key, row.id);
    const rows: FactsRow[] = [];
    for (const [key, list] of factsOf) {
      const personId = ids.get(key);
      if (!personId) {
        this.dropped += list.length;
        continue;
      }
      this.facts += list.length;
      rows.push({
        import_id: this.importId,
        person_id: personId,
        seq: this.seq++,
        facts: JSON.stringify(list),
      });
    }
    await insertFacts(this.deps.db, rows);
  }

  /** The staged rows of these keys (those staged before), by key. */
  private async staged(keys: string[]): Promise<Map<string, { id: string; data: string }>> {
    const wanted = new Map<number, string[]>();
    for (const key of keys) {
      for (const position of this.index.candidates(key)) {
        const list = wanted.get(position) ?? [];
        list.push(key);
        wanted.set(position, list);
      }
    }
    const out = new Map<string, { id: string; data: string }>();
    for (const slice of shapedChunks([...wanted.keys()])) {
      const rows = await this.deps.db
        .selectFrom("import_people")
        .select(["id", "position", "source", "source_key", "data"])
        .where("import_id", "=", this.importId)
        .where("position", "in", slice)
        .execute();
      for (const row of rows) {
        const key = keyOf(row.source, row.source_key);
        if (wanted.get(row.position)?.includes(key)) out.set(key, row);
      }
    }
    return out;
  }

  /** Stages a batch of people: new ones get a row, ones staged before are merged into theirs; `ids` learns every key's id. */
  private async addPeople(
    batch: ImportedPerson[],
    factsOf: Map<string, StagedFactTuple[]>,
    ids: Map<string, string>,
  ): Promise<void> {
    const { db } = this.deps;
    const fresh = new Map<string, ImportedPerson>();
    for (const p of batch) {
      const key = keyOf(p.source, p.sourceKey);
      const prev = fresh.get(key);
      fresh.set(key, prev ? mergePerson(prev, p) : p);
      this.lastSource = p.source;
    }
    for (const [key, row] of await this.staged([...fresh.keys()])) {
      const later = fresh.get(key);
      fresh.delete(key);
      ids.set(key, row.id);
      if (!later) continue;
      const data = mergedData(row.data, later);
      if (data !== row.data)
        await db.updateTable("import_people").set({ data }).where("id", "=", row.id).execute();
    }
    if (fresh.size === 0) return;
    const rows: PersonRow[] = [];
    for (const [key, p] of fresh) {
      const id = this.deps.newId();
      const position = this.position++;
      this.index.add(key, position);
      ids.set(key, id);
      const facts = factsOf.get(key) ?? [];
      factsOf.delete(key);
      this.facts += facts.length;
      if (p.source === "linkedin" && p.sourceKey.startsWith("name:"))
        this.nameOnly.push({ id, name: p.sourceKey.slice(5) });
      rows.push({
        id,
        import_id: this.importId,
        position,
        source: p.source,
        source_key: p.sourceKey,
        display_name: p.displayName.slice(0, 200),
        data: JSON.stringify(p),
        facts: JSON.stringify(facts),
        contact_id: null,
        actor_id: null,
        match_reason: null,
        match_accepted: 1,
      });
    }
    this.people += rows.length;
    await insertPeople(db, rows);
  }

  /**
   * Once every file is read: a LinkedIn person known only by name becomes the connection with that
   * name when exactly one has it (their record and facts join the connection's).
   */
  async finish(): Promise<void> {
    const { db } = this.deps;
    this.index.clear();
    const nameOnly = this.nameOnly.splice(0);
    if (nameOnly.length === 0) return;
    const targets = await this.linkedInNames(new Set(nameOnly.map((n) => n.name)));
    for (const { id, name } of nameOnly) {
      const target = targets.get(name);
      if (!target) continue;
      const rows = await db
        .selectFrom("import_people")
        .select(["id", "data", "source_key", "facts"])
        .where("import_id", "=", this.importId)
        .where("id", "in", [id, target])
        .execute();
      const from = rows.find((r) => r.id === id);
      const into = rows.find((r) => r.id === target);
      if (!from || !into) continue;
      const data = mergedData(into.data, {
        ...(JSON.parse(from.data) as ImportedPerson),
        sourceKey: into.source_key,
      });
      await db.transaction().execute(async (tx) => {
        await tx.updateTable("import_people").set({ data }).where("id", "=", target).execute();
        if (from.facts !== "[]") {
          await tx
            .insertInto("import_facts")
            .values({ import_id: this.importId, person_id: target, seq: this.seq++, facts: from.facts })
            .execute();
        }
        await tx
          .updateTable("import_facts")
          .set({ person_id: target })
          .where("import_id", "=", this.importId)
          .where("person_id", "=", id)
          .execute();
        await tx.deleteFrom("import_people").where("id", "=", id).execute();
      });
      this.people--;
    }
  }

  /**
   * The staged LinkedIn people with a profile whose normalized name is one of `wanted`: name → id, or
   * null when two share the name. Pages through the staging in import order.
   */
  private async linkedInNames(wanted: Set<string>): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    let after = -1;
    for (;;) {
      const page = await this.deps.db
        .selectFrom("import_people")
        .select(["id", "position", "source_key", "display_name"])
        .where("import_id", "=", this.importId)
        .where("position", ">", after)
        .where("source", "=", "linkedin")
        .orderBy("position")
        .limit(READ_PAGE)
        .execute();
      if (page.length === 0) return out;
      after = page[page.length - 1]?.position ?? after;
      for (const row of page) {
        if (row.source_key.startsWith("name:")) continue;
        // The column keeps 200 characters: a longer name is read from the record.
        const n = normalizeName(
          row.display_name.length < 200 ? row.display_name : await this.displayName(row.id),
        );
        if (wanted.has(n)) out.set(n, out.has(n) ? null : row.id);
      }
    }
  }

  private async displayName(id: string): Promise<string> {
    const row = await this.deps.db
      .selectFrom("import_people")
      .select("data")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.data) as ImportedPerson).displayName;
  }
}

/** Strong evidence (same email, URL or handle) is proposed as a merge; a same name + organisation is only offered. */
export function defaultAccepted(reason: MergeReason | string): number {
  return reason === "name_org" ? 0 : 1;
}

/**
 * The staging area, written while the files are read: one import_people row per person (a person met
 * again in another file, or later in the same one, is merged into their row), with the facts given
 * with them; facts given later (messages of a connection) go to import_facts, one row per person and
 * piece of file. Only what joining needs stays in memory: each staged person's id by source id, and the
 * LinkedIn names. Rows go in small batches, each its own statement, so that other requests are served
 * meanwhile; a failure leaves only staging rows, which the caller removes. Nothing here touches
 * contacts or the ledger.
 */
import type { ImportedFact, ImportedPerson } from "../../domain/imports/model.ts";
import { mergePerson } from "../../domain/imports/model.ts";
import { normalizeName } from "../../domain/imports/text.ts";
import type { Deps } from "../deps.ts";
import { shapedChunks } from "./chunks.ts";
import type { MergeReason } from "./match.ts";
import type { ImportSink } from "./read.ts";

export const BATCH = 500;

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

/** The stored form of a person merged with a record of them met later (the stored one wins). */
function mergedData(stored: string, later: ImportedPerson): string {
  const a = JSON.parse(stored) as ImportedPerson;
  // Spread onto `a` first, so that the keys keep their order and an unchanged person compares equal.
  return JSON.stringify({ ...a, ...mergePerson(a, later) });
}

export class Stager implements ImportSink {
  /** source + source id → import_people.id */
  private readonly ids = new Map<string, string>();
  /** LinkedIn people with a profile, by normalized name → their id; null when two share the name. */
  private readonly linkedInNames = new Map<string, string | null>();
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
    for (let i = 0; i < people.length; i += BATCH) await this.addPeople(people.slice(i, i + BATCH), factsOf);
    const rows = [];
    for (const [key, list] of factsOf) {
      const personId = this.ids.get(key);
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
    for (const slice of shapedChunks(rows))
      await this.deps.db.insertInto("import_facts").values(slice).execute();
  }

  private async addPeople(batch: ImportedPerson[], factsOf: Map<string, StagedFactTuple[]>): Promise<void> {
    const { db } = this.deps;
    const fresh = new Map<string, ImportedPerson>();
    const again = new Map<string, ImportedPerson>();
    for (const p of batch) {
      const key = keyOf(p.source, p.sourceKey);
      const into = this.ids.has(key) ? again : fresh;
      const prev = into.get(key);
      into.set(key, prev ? mergePerson(prev, p) : p);
      this.lastSource = p.source;
    }
    if (again.size > 0) {
      const byId = new Map<string, ImportedPerson>();
      for (const [key, p] of again) byId.set(this.ids.get(key) ?? "", p);
      const rows = await db
        .selectFrom("import_people")
        .select(["id", "data"])
        .where("import_id", "=", this.importId)
        .where("id", "in", [...byId.keys()])
        .execute();
      for (const row of rows) {
        const later = byId.get(row.id);
        if (!later) continue;
        const data = mergedData(row.data, later);
        if (data !== row.data)
          await db.updateTable("import_people").set({ data }).where("id", "=", row.id).execute();
      }
    }
    if (fresh.size === 0) return;
    const rows = [...fresh.values()].map((p) => {
      const id = this.deps.newId();
      const key = keyOf(p.source, p.sourceKey);
      this.ids.set(key, id);
      const facts = factsOf.get(key) ?? [];
      factsOf.delete(key);
      this.facts += facts.length;
      if (p.source === "linkedin") {
        if (p.sourceKey.startsWith("name:")) this.nameOnly.push({ id, name: p.sourceKey.slice(5) });
        else {
          const n = normalizeName(p.displayName);
          this.linkedInNames.set(n, this.linkedInNames.has(n) ? null : id);
        }
      }
      return {
        id,
        import_id: this.importId,
        position: this.position++,
        source: p.source,
        source_key: p.sourceKey,
        display_name: p.displayName.slice(0, 200),
        data: JSON.stringify(p),
        facts: JSON.stringify(facts),
        contact_id: null,
        actor_id: null,
        match_reason: null,
        match_accepted: 1,
      };
    });
    this.people += rows.length;
    for (const slice of shapedChunks(rows)) await db.insertInto("import_people").values(slice).execute();
  }

  /**
   * Once every file is read: a LinkedIn person known only by name becomes the connection with that
   * name when exactly one has it (their record and facts join the connection's).
   */
  async finish(): Promise<void> {
    const { db } = this.deps;
    for (const { id, name } of this.nameOnly) {
      const target = this.linkedInNames.get(name);
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
}

/** Strong evidence (same email, URL or handle) is proposed as a merge; a same name + organisation is only offered. */
export function defaultAccepted(reason: MergeReason | string): number {
  return reason === "name_org" ? 0 : 1;
}

/**
 * The staged people of an import as the commit writes them: in import order, a page at a time, joined
 * into groups by the accepted merges (a union-find over positions; a group is handed out once its last
 * member is read). Only the union-find (two integers per person) and the groups still waiting for a
 * later member stay between pages.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { StagedRow } from "./commit-batch.ts";

/** Staged facts read per query (the people of a page, in a few pieces). */
const FACTS_IN = 500;

/** Union-find over positions 0..n-1; a root is the smallest position of its group. */
function unionFind(n: number) {
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let c = i;
    while (parent[c] !== r) {
      const next = parent[c] ?? r;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  return {
    find,
    union(a: number, b: number) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

export class StagedGroupReader {
  private readonly open = new Map<number, StagedRow[]>();
  private after = -1;
  /** People read so far. */
  read = 0;
  done = false;

  private constructor(
    private readonly importId: string,
    private readonly find: (i: number) => number,
    /** The last position of each group, by its root. */
    private readonly last: Int32Array,
  ) {}

  static async open(db: Kysely<Database>, importId: string): Promise<StagedGroupReader> {
    const top = await db
      .selectFrom("import_people")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("import_id", "=", importId)
      .executeTakeFirst();
    const n = top?.max === null || top?.max === undefined ? 0 : Number(top.max) + 1;
    const uf = unionFind(n);
    const pairs = await db
      .selectFrom("import_merges as m")
      .innerJoin("import_people as a", "a.id", "m.a_id")
      .innerJoin("import_people as b", "b.id", "m.b_id")
      .select(["a.position as a", "b.position as b"])
      .where("m.import_id", "=", importId)
      .where("m.accepted", "=", 1)
      .execute();
    for (const m of pairs) uf.union(Number(m.a), Number(m.b));
    const last = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = uf.find(i);
      last[r] = Math.max(last[r] ?? 0, i);
    }
    return new StagedGroupReader(importId, uf.find, last);
  }

  /** The groups completed by the next `limit` people (read through `db`, a transaction's or not). */
  async next(db: Kysely<Database>, limit: number): Promise<StagedRow[][]> {
    if (this.done) return [];
    const page = await db
      .selectFrom("import_people")
      .select([
        "id",
        "position",
        "source",
        "source_key",
        "data",
        "contact_id",
        "actor_id",
        "match_reason",
        "match_accepted",
        "facts",
      ])
      .where("import_id", "=", this.importId)
      .where("position", ">", this.after)
      .orderBy("position")
      .limit(limit)
      .execute();
    if (page.length === 0) {
      this.done = true;
      // A group whose last member is gone (cannot happen: merges name staged people) is written anyway.
      const rest = [...this.open.values()];
      this.open.clear();
      return rest;
    }
    this.after = page[page.length - 1]?.position ?? this.after;
    const rows: StagedRow[] = [];
    const byId = new Map<string, StagedRow>();
    for (const { facts, ...p } of page) {
      const row: StagedRow = { ...p, facts: [facts] };
      rows.push(row);
      byId.set(p.id, row);
    }
    for (let i = 0; i < page.length; i += FACTS_IN) {
      const more = await db
        .selectFrom("import_facts")
        .select(["person_id", "facts"])
        .where("import_id", "=", this.importId)
        .where(
          "person_id",
          "in",
          page.slice(i, i + FACTS_IN).map((p) => p.id),
        )
        .orderBy("person_id")
        .orderBy("seq")
        .execute();
      for (const f of more) {
        const row = byId.get(f.person_id);
        if (row) row.facts.push(f.facts);
      }
    }
    const groups: StagedRow[][] = [];
    for (const row of rows) {
      const root = this.find(row.position);
      const group = this.open.get(root) ?? [];
      group.push(row);
      if (row.position >= (this.last[root] ?? 0)) {
        this.open.delete(root);
        groups.push(group);
      } else this.open.set(root, group);
    }
    this.read += page.length;
    return groups;
  }
}

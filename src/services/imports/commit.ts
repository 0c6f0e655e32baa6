/**
 * Commits a reviewed import in one transaction: accepted merges join people into one contact, accepted
 * matches link to members or existing contacts, every (source, id) is remembered per contact, and the
 * facts go to the ledger with their original dates. A (source, id) already imported maps to its
 * contact, untouched, and a fact already in the ledger is not added again: re-importing changes nothing.
 */
import type { Insertable, Kysely } from "kysely";
import type { ContactsTable, Database } from "../../db/schema.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import { linkContactToActor } from "../contacts/link.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { type OwnedFact, recordFacts } from "../ledger/record.ts";
import { RECOMPUTE_OWNER_KIND } from "../ties/jobs.ts";
import { connectionInitiator, contactColumns, ledgerFact, type StagedFact } from "./contact-data.ts";
import { BATCH, type ParseSummary, type StagedFactTuple } from "./stage.ts";
import { deleteUploads } from "./uploads.ts";

export interface CommitSummary {
  /** New contacts, not linked to a member. */
  created: number;
  /** Contacts linked to a Liens member (new or existing). */
  matched: number;
  /** Records joined to another one (accepted merges, or added to an existing contact). */
  merged: number;
  /** Records already imported before: their contact is left as it is. */
  unchanged: number;
  /** New ledger facts. */
  factsAdded: number;
}

export interface ImportSummary extends Partial<ParseSummary> {
  commit?: CommitSummary;
}

type Row = {
  id: string;
  position: number;
  source: string;
  source_key: string;
  data: string;
  facts: string;
  contact_id: string | null;
  actor_id: string | null;
  match_reason: string | null;
  match_accepted: number;
};

function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
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

/** Runs inside the caller's transaction `tx`. */
async function commitIn(
  tx: Kysely<Database>,
  deps: Pick<Deps, "newId" | "clock">,
  importId: string,
  ownerId: string,
  locale: string,
): Promise<CommitSummary> {
  const now = deps.clock.now().toISOString();
  const people = (await tx
    .selectFrom("import_people")
    .select([
      "id",
      "position",
      "source",
      "source_key",
      "data",
      "facts",
      "contact_id",
      "actor_id",
      "match_reason",
      "match_accepted",
    ])
    .where("import_id", "=", importId)
    .orderBy("position")
    .execute()) satisfies Row[];
  const at = new Map(people.map((p, i) => [p.id, i]));
  const uf = unionFind(people.length);
  const merges = await tx
    .selectFrom("import_merges")
    .select(["a_id", "b_id"])
    .where("import_id", "=", importId)
    .where("accepted", "=", 1)
    .execute();
  for (const m of merges) {
    const a = at.get(m.a_id);
    const b = at.get(m.b_id);
    if (a !== undefined && b !== undefined) uf.union(a, b);
  }
  const factsOf = new Map<string, StagedFact[]>();
  for (const p of people) {
    const tuples = JSON.parse(p.facts) as StagedFactTuple[];
    factsOf.set(
      p.id,
      tuples.map(([kind, direction, occurred_at, undated, note]) => ({
        source: p.source,
        kind,
        direction,
        occurred_at,
        undated,
        note,
      })),
    );
  }

  const groups = new Map<number, Row[]>();
  people.forEach((p, i) => {
    const root = uf.find(i);
    const g = groups.get(root) ?? [];
    g.push(p);
    groups.set(root, g);
  });

  const targets = [...new Set(people.map((p) => p.contact_id).filter((id): id is string => !!id))];
  const existing = new Map<string, string | null>();
  for (let i = 0; i < targets.length; i += BATCH) {
    for (const c of await tx
      .selectFrom("contacts")
      .select(["id", "linked_actor_id"])
      .where("owner_id", "=", ownerId)
      .where("id", "in", targets.slice(i, i + BATCH))
      .execute())
      existing.set(c.id, c.linked_actor_id);
  }

  const summary: CommitSummary = { created: 0, matched: 0, merged: 0, unchanged: 0, factsAdded: 0 };
  const newContacts: Insertable<ContactsTable>[] = [];
  const sources: {
    owner_id: string;
    source: string;
    source_key: string;
    contact_id: string;
    import_id: string;
    created_at: string;
  }[] = [];
  const byActor = new Map<string, string>();
  const facts: OwnedFact[] = [];
  const undated: { fact: OwnedFact; key: string }[] = [];

  for (const group of groups.values()) {
    const accepted = (p: Row) => p.match_reason === "source" || p.match_accepted === 1;
    let contactId =
      group.find((p) => p.contact_id && accepted(p) && existing.has(p.contact_id))?.contact_id ?? null;
    const actorId = group.find((p) => p.actor_id && p.match_accepted === 1)?.actor_id ?? null;
    if (!contactId && actorId) contactId = byActor.get(actorId) ?? null;
    let party: { actorId: string } | { contactId: string };
    if (contactId) {
      const linked = existing.get(contactId) ?? null;
      const fresh = group.filter((p) => !(p.match_reason === "source" && p.contact_id === contactId));
      if (fresh.length === 0) summary.unchanged += group.length;
      else {
        summary.unchanged += group.length - fresh.length;
        summary.merged += fresh.length;
      }
      if (!linked && actorId) {
        await linkContactToActor(tx, ownerId, contactId, actorId, deps.clock.now().getTime());
        existing.set(contactId, actorId);
        summary.matched++;
      }
      const now = existing.get(contactId) ?? null;
      party = now ? { actorId: now } : { contactId };
    } else {
      contactId = deps.newId();
      const records = group.map((p) => JSON.parse(p.data) as ImportedPerson);
      const groupFacts = group.flatMap((p) => factsOf.get(p.id) ?? []);
      newContacts.push({
        id: contactId,
        owner_id: ownerId,
        ...contactColumns(records, groupFacts, locale),
        linked_actor_id: actorId,
        created_at: now,
        updated_at: now,
      });
      existing.set(contactId, actorId);
      if (actorId) {
        byActor.set(actorId, contactId);
        summary.matched++;
      } else summary.created++;
      summary.merged += group.length - 1;
      party = actorId ? { actorId } : { contactId };
    }
    for (const p of group) {
      sources.push({
        owner_id: ownerId,
        source: p.source,
        source_key: p.source_key,
        contact_id: contactId,
        import_id: importId,
        created_at: now,
      });
      const own = factsOf.get(p.id) ?? [];
      const initiator = connectionInitiator(own);
      for (const f of own) {
        const mapped = ledgerFact(f, initiator);
        if (!mapped) continue;
        const fact: OwnedFact = {
          ownerId,
          other: party,
          initiator: mapped.initiator,
          kind: mapped.kind,
          channel: mapped.channel,
          at: new Date(mapped.at),
          source: { type: "import", id: importId },
          note: mapped.note,
        };
        if (f.undated) {
          const key = "actorId" in party ? party.actorId : party.contactId;
          undated.push({ fact, key: `${key}|${mapped.kind}|${mapped.initiator}` });
        } else facts.push(fact);
      }
    }
  }

  for (let i = 0; i < newContacts.length; i += BATCH) {
    await tx
      .insertInto("contacts")
      .values(newContacts.slice(i, i + BATCH))
      .execute();
  }
  for (let i = 0; i < sources.length; i += BATCH) {
    await tx
      .insertInto("contact_sources")
      .values(sources.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(["owner_id", "source", "source_key"]).doNothing())
      .execute();
  }
  // An undated fact (a follow) is known once per tie, whatever day it was imported on.
  if (undated.length > 0) {
    const known = new Set(
      (
        await tx
          .selectFrom("interactions")
          .select(["other_key", "kind", "initiator"])
          .where("owner_id", "=", ownerId)
          .where("kind", "in", [...new Set(undated.map((u) => u.fact.kind))])
          .execute()
      ).map((r) => `${r.other_key}|${r.kind}|${r.initiator}`),
    );
    for (const u of undated) {
      if (known.has(u.key)) continue;
      known.add(u.key);
      facts.push(u.fact);
    }
  }
  // In index order (party, kind, day): the unique index is then filled page by page, not at random.
  const keyOf = (f: OwnedFact) => ("actorId" in f.other ? f.other.actorId : f.other.contactId);
  facts.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb
      ? -1
      : ka > kb
        ? 1
        : a.kind < b.kind
          ? -1
          : a.kind > b.kind
            ? 1
            : a.at.getTime() - b.at.getTime();
  });
  summary.factsAdded = await recordFacts({ db: tx, newId: deps.newId }, facts);
  if (summary.factsAdded > 0 || summary.matched > 0) {
    // The bulk insert bypasses the per-fact tie update: the ties are recomputed in the background.
    await enqueue(
      { db: tx, newId: deps.newId, clock: deps.clock },
      { kind: RECOMPUTE_OWNER_KIND, payload: { ownerId }, key: `${RECOMPUTE_OWNER_KIND}:${ownerId}` },
    );
  }
  await tx.deleteFrom("import_merges").where("import_id", "=", importId).execute();
  await tx.deleteFrom("import_people").where("import_id", "=", importId).execute();
  return summary;
}

/**
 * Commits an import that is waiting in "committing"; anything else is left alone (a repeated job does
 * nothing). Returns the summary, or null when there was nothing to do.
 */
export async function commitImport(
  deps: Pick<Deps, "db" | "newId" | "clock" | "storage">,
  importId: string,
): Promise<CommitSummary | null> {
  const fileKey = await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("imports")
      .select(["owner_id", "status", "summary", "locale", "file_key"])
      .where("id", "=", importId)
      .executeTakeFirst();
    if (row?.status !== "committing") return null;
    const commit = await commitIn(tx, deps, importId, row.owner_id, row.locale);
    const summary: ImportSummary = { ...(JSON.parse(row.summary) as ImportSummary), commit };
    const now = deps.clock.now().toISOString();
    await tx
      .updateTable("imports")
      .set({
        status: "done",
        summary: JSON.stringify(summary),
        committed_at: now,
        updated_at: now,
        file_key: null,
      })
      .where("id", "=", importId)
      .execute();
    return { key: row.file_key, commit };
  });
  if (!fileKey) return null;
  await deleteUploads(deps.storage, fileKey.key);
  return fileKey.commit;
}

/**
 * Writes one batch of a commit (run inside the batch's transaction): each group of staged people (one
 * person, or several joined by accepted merges) becomes a new contact, or joins the existing contact
 * or member it matched; every (source, id) is remembered for its contact, and the facts go to the
 * ledger with their original dates. New contacts are listed in import_contacts until the commit ends,
 * so that a failed commit can remove them. Linking an existing contact to a member is left to the
 * final transaction (`links`).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import type { Deps } from "../deps.ts";
import { type OwnedFact, type Party, recordFacts } from "../ledger/record.ts";
import { shapedChunks } from "./chunks.ts";
import {
  type ContactRow,
  connectionInitiator,
  contactColumns,
  ledgerFact,
  type StagedFact,
} from "./contact-data.ts";
import type { StagedFactTuple } from "./stage.ts";
import { insertStatement, STATEMENT_ROWS } from "./statements.ts";

export const WRITE_BATCH = 500;

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

export type StagedRow = {
  id: string;
  position: number;
  source: string;
  source_key: string;
  data: string;
  contact_id: string | null;
  actor_id: string | null;
  match_reason: string | null;
  match_accepted: number;
  /** The person's staged facts: JSON arrays of StagedFactTuple, in order (see `stagedFacts`). */
  facts: string[];
};

/** The facts of a staged person, read from their JSON when their group is written (short-lived). */
export function stagedFacts(row: StagedRow): StagedFact[] {
  const out: StagedFact[] = [];
  for (const json of row.facts)
    for (const [kind, direction, occurred_at, undated, note] of JSON.parse(json) as StagedFactTuple[])
      out.push({ source: row.source, kind, direction, occurred_at, undated, note });
  return out;
}

/** What a commit carries from one batch to the next: small, whatever the size of the import. */
export interface CommitState {
  importId: string;
  ownerId: string;
  locale: string;
  now: string;
  summary: CommitSummary;
  /** New contacts linked to a member, by member: a second group matching them joins the first. */
  byActor: Map<string, string>;
  /** Existing contacts to link to a member at the end, contact → member. */
  links: Map<string, string>;
}

type SourceRow = {
  owner_id: string;
  source: string;
  source_key: string;
  contact_id: string;
  import_id: string;
  created_at: string;
};

// Multi-row inserts compiled once per engine and row count (a commit writes tens of thousands of rows).
const insertContacts = insertStatement<ContactRow>(
  [
    "id",
    "owner_id",
    "name",
    "met_where",
    "met_on",
    "how_met",
    "notes",
    "tags",
    "side",
    "email",
    "phone",
    "links",
    "linked_actor_id",
    "source",
    "source_key",
    "created_at",
    "updated_at",
  ],
  (db, rows) => db.insertInto("contacts").values(rows),
);
const insertImportContacts = insertStatement<{ import_id: string; contact_id: string }>(
  ["import_id", "contact_id"],
  (db, rows) => db.insertInto("import_contacts").values(rows),
);
const insertSources = insertStatement<SourceRow>(
  ["owner_id", "source", "source_key", "contact_id", "import_id", "created_at"],
  (db, rows) =>
    db
      .insertInto("contact_sources")
      .values(rows)
      .onConflict((oc) => oc.columns(["owner_id", "source", "source_key"]).doNothing()),
);

/**
 * A ledger fact of the import. A class, not an object literal: a piece of a commit holds a thousand
 * of them at once, and V8 allocates every later object of a literal straight into the old generation
 * once it has seen a hundred of them survive a young collection together (see statements.ts).
 */
class ImportedFact implements OwnedFact {
  constructor(
    readonly ownerId: string,
    readonly other: Party,
    readonly initiator: "owner" | "other",
    readonly kind: OwnedFact["kind"],
    readonly channel: OwnedFact["channel"],
    readonly at: Date,
    readonly source: OwnedFact["source"],
    readonly note: string | null,
  ) {}
}

const keyOf = (f: OwnedFact) => ("actorId" in f.other ? f.other.actorId : f.other.contactId);

export async function writeGroups(
  tx: Kysely<Database>,
  deps: Pick<Deps, "newId">,
  state: CommitState,
  groups: StagedRow[][],
): Promise<void> {
  const { ownerId, importId, now, summary } = state;
  const targets = [...new Set(groups.flat().flatMap((p) => (p.contact_id ? [p.contact_id] : [])))];
  const existing = new Map<string, string | null>();
  for (let i = 0; i < targets.length; i += WRITE_BATCH) {
    for (const c of await tx
      .selectFrom("contacts")
      .select(["id", "linked_actor_id"])
      .where("owner_id", "=", ownerId)
      .where("id", "in", targets.slice(i, i + WRITE_BATCH))
      .execute())
      existing.set(c.id, state.links.get(c.id) ?? c.linked_actor_id);
  }

  const newContacts: ContactRow[] = [];
  const sources: SourceRow[] = [];
  const facts: OwnedFact[] = [];
  const undated: { fact: OwnedFact; key: string }[] = [];

  const source = { type: "import", id: importId };
  for (const group of groups) {
    const factsOf = group.map(stagedFacts);
    const accepted = (p: StagedRow) => p.match_reason === "source" || p.match_accepted === 1;
    let contactId =
      group.find((p) => p.contact_id && accepted(p) && existing.has(p.contact_id))?.contact_id ?? null;
    const actorId = group.find((p) => p.actor_id && p.match_accepted === 1)?.actor_id ?? null;
    if (!contactId && actorId) contactId = state.byActor.get(actorId) ?? null;
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
        state.links.set(contactId, actorId);
        existing.set(contactId, actorId);
        summary.matched++;
      }
      const member = existing.get(contactId) ?? null;
      party = member ? { actorId: member } : { contactId };
    } else {
      contactId = deps.newId();
      const records = group.map((p) => JSON.parse(p.data) as ImportedPerson);
      newContacts.push({
        id: contactId,
        owner_id: ownerId,
        ...contactColumns(records, factsOf.flat(), state.locale),
        linked_actor_id: actorId,
        created_at: now,
        updated_at: now,
      });
      if (actorId) {
        state.byActor.set(actorId, contactId);
        summary.matched++;
      } else summary.created++;
      summary.merged += group.length - 1;
      party = actorId ? { actorId } : { contactId };
    }
    for (const [i, p] of group.entries()) {
      const staged = factsOf[i] ?? [];
      sources.push({
        owner_id: ownerId,
        source: p.source,
        source_key: p.source_key,
        contact_id: contactId,
        import_id: importId,
        created_at: now,
      });
      const initiator = connectionInitiator(staged);
      for (const f of staged) {
        const mapped = ledgerFact(f, initiator);
        if (!mapped) continue;
        const fact = new ImportedFact(
          ownerId,
          party,
          mapped.initiator,
          mapped.kind,
          mapped.channel,
          new Date(mapped.at),
          source,
          mapped.note,
        );
        if (f.undated) {
          const key = "actorId" in party ? party.actorId : party.contactId;
          undated.push({ fact, key: `${key}|${mapped.kind}|${mapped.initiator}` });
        } else facts.push(fact);
      }
    }
  }

  await insertContacts(tx, newContacts);
  await insertImportContacts(
    tx,
    newContacts.map((c) => ({ import_id: importId, contact_id: c.id })),
  );
  await insertSources(tx, sources);
  // An undated fact (a follow) is known once per tie, whatever day it was imported on (earlier
  // batches of this import included: they are in the ledger already).
  if (undated.length > 0) {
    const keys = [...new Set(undated.map((u) => keyOf(u.fact)))];
    const kinds = [...new Set(undated.map((u) => u.fact.kind))];
    const known = new Set<string>();
    for (let i = 0; i < keys.length; i += WRITE_BATCH) {
      for (const r of await tx
        .selectFrom("interactions")
        .select(["other_key", "kind", "initiator"])
        .where("owner_id", "=", ownerId)
        .where("kind", "in", kinds)
        .where("other_key", "in", keys.slice(i, i + WRITE_BATCH))
        .execute())
        known.add(`${r.other_key}|${r.kind}|${r.initiator}`);
    }
    for (const u of undated) {
      if (known.has(u.key)) continue;
      known.add(u.key);
      facts.push(u.fact);
    }
  }
  // In index order (party, kind, day): the unique index is then filled page by page, not at random.
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
  for (const slice of shapedChunks(facts, STATEMENT_ROWS)) {
    summary.factsAdded += await recordFacts({ db: tx, newId: deps.newId }, slice);
  }
}

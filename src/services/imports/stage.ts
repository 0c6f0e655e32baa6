/**
 * Writes a parsed import into the staging area (import_people with their facts, import_merges) with the
 * matches and merge proposals the review will show. Nothing here touches contacts or the ledger.
 * Rows go in small batches, each its own statement, so that other requests are served meanwhile;
 * a failure leaves only staging rows, which the caller removes.
 */
import type { Deps } from "../deps.ts";
import {
  findMembers,
  identityKeys,
  indexContacts,
  type MatchReason,
  type MergeReason,
  proposeMerges,
} from "./match.ts";
import type { ReadResult } from "./read.ts";

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

function personData(p: ReadResult["people"][number]): string {
  return JSON.stringify(p);
}

export async function stageImport(
  deps: Pick<Deps, "db" | "newId" | "config">,
  importId: string,
  ownerId: string,
  result: ReadResult,
  onProgress: (fraction: number) => Promise<void> | void = () => {},
): Promise<ParseSummary> {
  const { db } = deps;
  const people = result.people;
  const sources = new Map<string, string>();
  for (const r of await db
    .selectFrom("contact_sources")
    .select(["source", "source_key", "contact_id"])
    .where("owner_id", "=", ownerId)
    .execute()) {
    sources.set(`${r.source}\u0000${r.source_key}`, r.contact_id);
  }
  const contacts = await indexContacts(db, ownerId);
  const members = await findMembers(db, ownerId, deps.config.publicUrl, people);

  const ids = people.map(() => deps.newId());
  const match: { contactId: string | null; actorId: string | null; reason: MatchReason | null }[] = [];
  people.forEach((p, i) => {
    const known = sources.get(`${p.source}\u0000${p.sourceKey}`);
    // A vCard exported by Liens carries the contact's id as its UID: the same contact when re-imported.
    const ownVcard = p.source === "vcard" && contacts.ids.has(p.sourceKey) ? p.sourceKey : undefined;
    if (known ?? ownVcard) {
      match.push({ contactId: known ?? ownVcard ?? null, actorId: null, reason: "source" });
      return;
    }
    const member = members.get(i);
    if (member) {
      match.push({
        contactId: contacts.byActor.get(member.actorId) ?? null,
        actorId: member.actorId,
        reason: member.reason,
      });
      return;
    }
    for (const { reason, key } of identityKeys(p)) {
      const contactId = reason === "email" || reason === "url" ? contacts.byKey.get(key) : undefined;
      if (contactId && (reason === "email" || reason === "url")) {
        match.push({ contactId, actorId: null, reason });
        return;
      }
    }
    match.push({ contactId: null, actorId: null, reason: null });
  });
  const proposals = proposeMerges(people, (i) => match[i]?.reason === "source");

  const index = new Map<string, number>();
  people.forEach((p, i) => {
    if (!index.has(p.sourceKey)) index.set(p.sourceKey, i);
  });
  // Each person's facts travel with them, as one JSON array: far fewer rows to write and delete.
  const factsOf: StagedFactTuple[][] = people.map(() => []);
  let facts = 0;
  for (const f of result.facts) {
    const i = index.get(f.personKey);
    if (i === undefined) continue;
    factsOf[i]?.push([
      f.kind,
      f.direction,
      f.occurredAt.toISOString(),
      f.undated ? 1 : 0,
      f.note?.slice(0, 2000) ?? null,
    ]);
    facts++;
  }
  const total = people.length + proposals.length;
  let written = 0;
  const step = async (n: number) => {
    written += n;
    await onProgress(total === 0 ? 1 : written / total);
  };

  for (let start = 0; start < people.length; start += BATCH) {
    const rows = people.slice(start, start + BATCH).map((p, k) => {
      const i = start + k;
      const m = match[i];
      return {
        id: ids[i] ?? "",
        import_id: importId,
        position: i,
        source: p.source,
        source_key: p.sourceKey,
        display_name: p.displayName.slice(0, 200),
        data: personData(p),
        facts: JSON.stringify(factsOf[i] ?? []),
        contact_id: m?.contactId ?? null,
        actor_id: m?.actorId ?? null,
        match_reason: m?.reason ?? null,
        match_accepted: 1,
      };
    });
    await db.insertInto("import_people").values(rows).execute();
    await step(rows.length);
  }
  for (let start = 0; start < proposals.length; start += BATCH) {
    const rows = proposals.slice(start, start + BATCH).map((m) => ({
      id: deps.newId(),
      import_id: importId,
      a_id: ids[m.a] ?? "",
      b_id: ids[m.b] ?? "",
      reason: m.reason,
      accepted: defaultAccepted(m.reason),
    }));
    await db.insertInto("import_merges").values(rows).execute();
    await step(rows.length);
  }

  const skipped: Record<string, number> = {};
  for (const s of result.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  const dropped = result.facts.length - facts;
  if (dropped > 0) skipped.fact_without_person = dropped;
  return {
    files: result.files,
    ignoredFiles: result.ignoredFiles.slice(0, 200),
    people: people.length,
    facts,
    skipped,
    warnings: result.warnings.slice(0, 50),
    matches: match.filter((m) => m.actorId).length,
    existing: match.filter((m) => m.contactId && m.reason !== "source").length,
    proposals: proposals.length,
  };
}

/** Strong evidence (same email, URL or handle) is proposed as a merge; a same name + organisation is only offered. */
export function defaultAccepted(reason: MergeReason | string): number {
  return reason === "name_org" ? 0 : 1;
}

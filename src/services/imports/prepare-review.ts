/**
 * Once an import is staged: who each person may be (a contact already imported from the same source
 * id, a Liens member, an existing contact with the same email or URL) and which people of the import
 * look like one person (merge proposals), for the review. Source ids are matched in SQL; the rest
 * pages through the staged people in import order, holding the owner's contact index and a hash
 * per identity key (match.ts), never the people themselves.
 */

import type { ImportMergesTable } from "../../db/schema-imports.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import type { Deps } from "../deps.ts";
import { shapedChunks } from "./chunks.ts";
import {
  type EarlierKeys,
  identityKeys,
  indexContacts,
  type MatchReason,
  MergeProposer,
  memberMatcher,
} from "./match.ts";
import { defaultAccepted } from "./stage.ts";
import { insertStatement } from "./statements.ts";
import { yieldToEventLoop } from "./yield.ts";

const PAGE = 200;

type MergeRow = ImportMergesTable;

const insertMerges = insertStatement<MergeRow>(
  ["id", "import_id", "a_id", "b_id", "reason", "accepted"],
  (db, rows) => db.insertInto("import_merges").values(rows),
);

export interface ReviewCounts {
  /** People matched to a member. */
  matches: number;
  /** People matched to an existing contact (not by source id). */
  existing: number;
  proposals: number;
}

export async function prepareReview(
  deps: Pick<Deps, "db" | "newId" | "config">,
  importId: string,
  ownerId: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<ReviewCounts> {
  const { db } = deps;
  // Already imported (same source and source id): the same contact, whatever else matches.
  await db
    .updateTable("import_people")
    .set((eb) => ({
      match_reason: "source",
      contact_id: eb
        .selectFrom("contact_sources as cs")
        .select("cs.contact_id")
        .where("cs.owner_id", "=", ownerId)
        .whereRef("cs.source", "=", "import_people.source")
        .whereRef("cs.source_key", "=", "import_people.source_key"),
    }))
    .where("import_id", "=", importId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("contact_sources as cs")
          .select("cs.contact_id")
          .where("cs.owner_id", "=", ownerId)
          .whereRef("cs.source", "=", "import_people.source")
          .whereRef("cs.source_key", "=", "import_people.source_key"),
      ),
    )
    .execute();
  // A vCard exported by Liens carries the contact's id as its UID: the same contact when re-imported.
  await db
    .updateTable("import_people")
    .set((eb) => ({ match_reason: "source", contact_id: eb.ref("source_key") }))
    .where("import_id", "=", importId)
    .where("source", "=", "vcard")
    .where("match_reason", "is", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("contacts as c")
          .select("c.id")
          .where("c.owner_id", "=", ownerId)
          .whereRef("c.id", "=", "import_people.source_key"),
      ),
    )
    .execute();

  const total = Number(
    (
      await db
        .selectFrom("import_people")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("import_id", "=", importId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const contacts = await indexContacts(db, ownerId);
  const members = memberMatcher(db, ownerId, deps.config.publicUrl);
  const proposer = new MergeProposer();
  const earlier: EarlierKeys = async (positions) => {
    const out = new Map<number, { id: string; keys: Set<string> }>();
    for (const slice of shapedChunks(positions)) {
      const rows = await db
        .selectFrom("import_people")
        .select(["id", "position", "data"])
        .where("import_id", "=", importId)
        .where("position", "in", slice)
        .execute();
      for (const r of rows) {
        const keys = identityKeys(JSON.parse(r.data) as ImportedPerson).map((k) => k.key);
        out.set(r.position, { id: r.id, keys: new Set(keys) });
      }
    }
    return out;
  };
  const counts: ReviewCounts = { matches: 0, existing: 0, proposals: 0 };
  let after = -1;
  let done = 0;
  for (;;) {
    const page = await db
      .selectFrom("import_people")
      .select(["id", "position", "data", "match_reason"])
      .where("import_id", "=", importId)
      .where("position", ">", after)
      .orderBy("position")
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]?.position ?? after;
    const open = page.filter((r) => r.match_reason !== "source");
    const people = open.map((r) => JSON.parse(r.data) as ImportedPerson);
    const found = await members.find(people);
    const updates: { id: string; contactId: string | null; actorId: string | null; reason: MatchReason }[] =
      [];
    const merges: MergeRow[] = [];
    const keys = people.map(identityKeys);
    people.forEach((_, i) => {
      const id = open[i]?.id ?? "";
      const member = found.get(i);
      if (member) {
        updates.push({
          id,
          contactId: contacts.byActor.get(member.actorId) ?? null,
          actorId: member.actorId,
          reason: member.reason,
        });
      } else {
        for (const { reason, key } of keys[i] ?? []) {
          const contactId = reason === "email" || reason === "url" ? contacts.byKey.get(key) : undefined;
          if (contactId && (reason === "email" || reason === "url")) {
            updates.push({ id, contactId, actorId: null, reason });
            break;
          }
        }
      }
    });
    const proposals = await proposer.page(
      open.map((r, i) => ({ id: r.id, position: r.position, keys: keys[i] ?? [] })),
      earlier,
    );
    for (const m of proposals) {
      merges.push({
        id: deps.newId(),
        import_id: importId,
        a_id: m.a,
        b_id: m.b,
        reason: m.reason,
        accepted: defaultAccepted(m.reason),
      });
    }
    for (const u of updates) {
      if (u.actorId) counts.matches++;
      if (u.contactId) counts.existing++;
    }
    counts.proposals += merges.length;
    if (updates.length > 0 || merges.length > 0) {
      await db.transaction().execute(async (tx) => {
        for (const u of updates) {
          await tx
            .updateTable("import_people")
            .set({ contact_id: u.contactId, actor_id: u.actorId, match_reason: u.reason })
            .where("id", "=", u.id)
            .execute();
        }
        await insertMerges(tx, merges);
      });
    }
    done += page.length;
    onProgress(total === 0 ? 1 : done / total);
    await yieldToEventLoop();
  }
  return counts;
}

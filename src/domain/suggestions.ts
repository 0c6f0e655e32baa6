/**
 * Ranking "people you may know". Mutual connections count the Adamic–Adar way: a mutual connection
 * who knows few people says more than a hub who knows everyone (Adamic & Adar 2003), which favours
 * the moderately weak ties that bring new people (Granovetter 1973) over the densest cluster.
 */
export interface CandidateSignals {
  id: string;
  mutualCount: number;
  /** Σ mutualWeight(degree) over the mutual connections (summed where the rows are, in SQL). */
  mutualScore: number;
  sharedTags: string[];
  /** The viewer's offline contact that this member turned out to be. */
  contactName: string | null;
}

export type Reason =
  | { kind: "mutual"; count: number }
  | { kind: "tags"; tags: string[] }
  | { kind: "contact"; name: string };

export interface RankedSuggestion {
  id: string;
  score: number;
  reasons: Reason[];
}

/** A contact who joined is the surest suggestion; a shared public tag counts like a weak mutual tie. */
const CONTACT_WEIGHT = 3;
const TAG_WEIGHT = 0.4;
const MAX_TAGS_COUNTED = 3;

export function mutualWeight(degree: number): number {
  return 1 / Math.log(Math.max(degree, 2) + 1);
}

export function rankSuggestions(candidates: readonly CandidateSignals[], limit: number): RankedSuggestion[] {
  return candidates
    .map((c) => {
      const reasons: Reason[] = [];
      if (c.contactName) reasons.push({ kind: "contact", name: c.contactName });
      if (c.mutualCount > 0) reasons.push({ kind: "mutual", count: c.mutualCount });
      if (c.sharedTags.length > 0)
        reasons.push({ kind: "tags", tags: c.sharedTags.slice(0, MAX_TAGS_COUNTED) });
      const score =
        (c.contactName ? CONTACT_WEIGHT : 0) +
        c.mutualScore +
        TAG_WEIGHT * Math.min(c.sharedTags.length, MAX_TAGS_COUNTED);
      return { id: c.id, score, reasons };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

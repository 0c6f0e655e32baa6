/**
 * The newest thread root and boost of someone, as `actor_activity` keeps them (migration 0027): ids at
 * least as new as their newest (a deletion leaves them), null when they never wrote one.
 */
export interface Activity {
  root: string | null;
  boost: string | null;
}

/**
 * Those of `people` who may have written a thread root (or a boost) with an id at `lo` or above (at
 * all, when `lo` is null): everyone but those whose newest is older, or who never wrote one. Someone
 * `activity` does not know may have written anything.
 */
export function mayHaveWritten(
  people: readonly string[],
  activity: ReadonlyMap<string, Activity>,
  kind: keyof Activity,
  lo: string | null,
): string[] {
  return people.filter((id) => {
    const known = activity.get(id);
    if (known === undefined) return true;
    const newest = known[kind];
    return newest !== null && newest >= (lo ?? "");
  });
}

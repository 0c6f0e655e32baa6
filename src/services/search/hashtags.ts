import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { normalizeTag } from "../../domain/posts/text.ts";
import { wordForms } from "../../domain/text/word-forms.ts";
import { whereVisibleTo } from "../posts/visible.ts";

export const TAGS_LIMIT = 10;

type Db = Kysely<Database>;

/** The first tag from `from` (included) up to `end`, then the one after a tag: one index seek each. */
const firstTag = prepared(2, (db: Db, from: string, end: string) =>
  db
    .selectFrom("post_hashtags")
    .select("tag")
    .where("tag", ">=", from)
    .where("tag", "<", end)
    .orderBy("tag")
    .limit(1),
);
const nextTag = prepared(2, (db: Db, after: string, end: string) =>
  db
    .selectFrom("post_hashtags")
    .select("tag")
    .where("tag", ">", after)
    .where("tag", "<", end)
    .orderBy("tag")
    .limit(1),
);
/** One post carrying the tag that the viewer may see (compiled once per database and kind of viewer). */
const visibleWithTag = (signedIn: boolean) =>
  prepared(2, (db: Db, me: string, tag: string) =>
    db
      .selectFrom("post_hashtags as h")
      .innerJoin("posts as p", "p.id", "h.post_id")
      .select("h.post_id")
      .where("h.tag", "=", tag)
      .where(whereVisibleTo(signedIn ? me : null, "p"))
      .limit(1),
  );
const visibleToMember = visibleWithTag(true);
const visibleToVisitor = visibleWithTag(false);

/**
 * What hashtags must start with to be found: the query's words joined, as hashtags are written, and
 * folded as their keys are ("Café" finds #cafe); in the singular when the last word reads as a plural,
 * as posts are searched ("meetups" finds #meetup and #meetups: the shortest of a word's forms begins
 * the others, wordForms). Several words are also joined with underscores, the other way hashtags
 * are written: "crème brûlée" finds #cremebrulee and #creme_brulee.
 */
export function hashtagPrefixes(terms: string[]): string[] {
  const singular = (joined: string) =>
    wordForms(joined).reduce((shortest, form) => (form.length < shortest.length ? form : shortest));
  const prefixes = new Set<string>();
  for (const glue of ["", "_"]) {
    const joined = normalizeTag(terms.join(glue));
    if (joined !== "") prefixes.add(singular(joined));
  }
  return [...prefixes];
}

/**
 * Hashtags starting with the query's words (hashtagPrefixes), each one index seek on post_hashtags,
 * kept only when the viewer may see at least one post carrying it; in the order of their keys.
 */
export async function searchHashtags(db: Db, viewerId: string | null, terms: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of hashtagPrefixes(terms)) found.push(...(await visibleTagsFrom(db, viewerId, prefix)));
  return [...new Set(found)].sort().slice(0, TAGS_LIMIT);
}

/** Up to TAGS_LIMIT hashtags starting with `prefix` that the viewer may see, in key order. */
async function visibleTagsFrom(db: Db, viewerId: string | null, prefix: string): Promise<string[]> {
  const end = `${prefix}\u{10FFFF}`;
  const tags: string[] = [];
  let after: string | null = null;
  for (let seeks = 0; tags.length < TAGS_LIMIT && seeks < TAGS_LIMIT * 3; seeks++) {
    const seek: { tag: string }[] =
      after === null ? await firstTag(db, prefix, end) : await nextTag(db, after, end);
    const row = seek[0];
    if (!row) break;
    after = row.tag;
    const [visible] =
      viewerId === null
        ? await visibleToVisitor(db, "", row.tag)
        : await visibleToMember(db, viewerId, row.tag);
    if (visible) tags.push(row.tag);
  }
  return tags;
}

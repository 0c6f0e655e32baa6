import type { RelationName } from "../../src/domain/posts/visibility.ts";

/** Every relation of issue 4's visibility table, in the order the tests list them. */
export const RELATION_NAMES_FOR_TEST: RelationName[] = [
  "author",
  "mentioned",
  "connection",
  "follower",
  "stranger",
  "blocked",
  "anonymous",
];

import type { Result, Router } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";

/** Paths remembered per method; when full, the memo starts over (a map read stays the common case). */
const MAX_PATHS = 4096;

/**
 * Hono's trie router, with the answer for each method and path remembered. Hono's faster router
 * (RegExpRouter) cannot hold our `/:at{@…}` profile routes, and walking the trie of a few hundred
 * routes costs a trivial route more than its handler; most requests ask for a path already asked for
 * (`/health`, `/`, a profile), which then costs one map read. Answers hold no per-request state:
 * Hono only reads them.
 */
export class MemoizedRouter<T> implements Router<T> {
  readonly name = "MemoizedTrieRouter";
  readonly #trie = new TrieRouter<T>();
  readonly #answers = new Map<string, Map<string, Result<T>>>();

  add(method: string, path: string, handler: T): void {
    this.#trie.add(method, path, handler);
    this.#answers.clear();
  }

  match(method: string, path: string): Result<T> {
    let byPath = this.#answers.get(method);
    if (!byPath) {
      byPath = new Map();
      this.#answers.set(method, byPath);
    }
    let answer = byPath.get(path);
    if (!answer) {
      answer = this.#trie.match(method, path);
      if (byPath.size >= MAX_PATHS) byPath.clear();
      byPath.set(path, answer);
    }
    return answer;
  }
}

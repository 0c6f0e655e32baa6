import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { directReader } from "./direct.ts";

/**
 * A query built and compiled once per database, then run with new parameter values: for the few
 * queries on every request's path (the session lookup), where rebuilding Kysely's tree costs more than
 * running the SQL. Only for reads. `build` receives placeholder strings; each is replaced by the value given at run time.
 */
export function prepared<D, R, A extends string[]>(
  arity: A["length"],
  build: (db: Kysely<D>, ...args: A) => Compilable<R>,
): (db: Kysely<D>, ...args: A) => Promise<R[]> {
  const cache = new WeakMap<Kysely<D>, { compiled: CompiledQuery<R>; slots: number[][] }>();
  const placeholders = Array.from({ length: arity }, (_, i) => `\u0000prepared:${i}\u0000`) as A;
  return async (db, ...args) => {
    let entry = cache.get(db);
    if (!entry) {
      const compiled = build(db, ...placeholders).compile();
      const slots = placeholders.map((p) =>
        compiled.parameters.flatMap((value, index) => (value === p ? [index] : [])),
      );
      entry = { compiled, slots };
      cache.set(db, entry);
    }
    const parameters = [...entry.compiled.parameters];
    entry.slots.forEach((indexes, arg) => {
      for (const index of indexes) parameters[index] = args[arg];
    });
    // On the embedded engine, read at once when the connection is free (src/db/direct.ts).
    const direct = directReader(db)?.all(entry.compiled.sql, parameters);
    if (direct) return direct as R[];
    const result = await db.executeQuery<R>({ ...entry.compiled, parameters });
    return result.rows;
  };
}

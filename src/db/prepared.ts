import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { type DirectReader, directReader } from "./direct.ts";

type Runner<D, A extends string[]> = <T>(
  db: Kysely<D>,
  args: A,
  direct: (reader: DirectReader, sql: string, parameters: unknown[]) => T[] | null,
  fromRows: (rows: unknown[]) => T[],
) => Promise<T[]>;

/** Compiles `build` once per database, then runs it with the placeholders replaced by `args`. */
function compiledOnce<D, A extends string[]>(
  arity: A["length"],
  build: (db: Kysely<D>, ...args: A) => Compilable<unknown>,
): Runner<D, A> {
  const cache = new WeakMap<Kysely<D>, { compiled: CompiledQuery<unknown>; slots: number[][] }>();
  const placeholders = Array.from({ length: arity }, (_, i) => `\u0000prepared:${i}\u0000`) as A;
  return async (db, args, direct, fromRows) => {
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
    const reader = directReader(db);
    const rows = reader ? direct(reader, entry.compiled.sql, parameters) : null;
    if (rows) return rows;
    return fromRows((await db.executeQuery({ ...entry.compiled, parameters })).rows);
  };
}

/**
 * A query built and compiled once per database, then run with new parameter values: for the few
 * queries on every request's path (the session lookup), where rebuilding Kysely's tree costs more than
 * running the SQL. Only for reads. `build` receives placeholder strings; each is replaced by the value given at run time.
 */
export function prepared<D, R, A extends string[]>(
  arity: A["length"],
  build: (db: Kysely<D>, ...args: A) => Compilable<R>,
): (db: Kysely<D>, ...args: A) => Promise<R[]> {
  const run = compiledOnce(arity, build);
  return (db, ...args) =>
    run(
      db,
      args,
      (reader, sql, parameters) => reader.all(sql, parameters) as R[] | null,
      (rows) => rows as R[],
    );
}

/**
 * The same, each row as the array of its selected columns in order: on the embedded engine no
 * object is built per row, for the reads whose every microsecond counts (a page of a timeline).
 */
export function preparedTuples<D, A extends string[]>(
  arity: A["length"],
  build: (db: Kysely<D>, ...args: A) => Compilable<unknown>,
): (db: Kysely<D>, ...args: A) => Promise<unknown[][]> {
  const run = compiledOnce(arity, build);
  return (db, ...args) =>
    run(
      db,
      args,
      (reader, sql, parameters) => reader.tuples(sql, parameters),
      (rows) => rows.map((row) => Object.values(row as object)),
    );
}

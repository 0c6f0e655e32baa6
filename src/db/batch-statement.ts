import { type Compilable, CompiledQuery, type Kysely } from "kysely";

/**
 * A multi-row statement (an insert or upsert of many rows) built and compiled once per engine and row
 * count, then run with new values: for the few writes of thousands of rows at once (recomputing an
 * owner's ties), where building and compiling Kysely's tree of rows × columns values costs more than
 * the SQL. Rows go in statements of a power-of-two count (at most `maxRows`), so at most a handful of
 * templates exist per statement (`maxRows` a power of two). Same SQL on both engines: Kysely compiles it.
 */
const MARK = "\u0000batch-cell\u0000";
const cell = (row: number, column: number) => `${MARK}${row}:${column}`;

function slotOf(value: unknown): Slot {
  if (typeof value !== "string" || !value.startsWith(MARK)) return { value };
  const [row, column] = value.slice(MARK.length).split(":").map(Number);
  return { row: row ?? 0, column: column ?? 0 };
}

/** Where each parameter comes from: a cell of the rows, or a constant of the built query. */
type Slot = { row: number; column: number } | { value: unknown };

interface Template {
  compiled: CompiledQuery;
  slots: Slot[];
}

export function batchStatement<D, Row extends object>(
  columns: readonly (keyof Row & string)[],
  build: (db: Kysely<D>, rows: Row[]) => Compilable | CompiledQuery,
  maxRows = 64,
): (db: Kysely<D>, rows: readonly Row[]) => Promise<void> {
  // Compiled SQL depends on the engine only: keyed by its adapter (a transaction shares it).
  const cache = new WeakMap<object, Map<number, Template>>();
  const template = (db: Kysely<D>, size: number): Template => {
    const adapter = db.getExecutor().adapter;
    let bySize = cache.get(adapter);
    if (!bySize) {
      bySize = new Map();
      cache.set(adapter, bySize);
    }
    let found = bySize.get(size);
    if (!found) {
      const rows = Array.from({ length: size }, (_, r) =>
        Object.fromEntries(columns.map((name, c) => [name, cell(r, c)])),
      ) as unknown as Row[];
      const built = build(db, rows);
      const full = "compile" in built ? built.compile() : built;
      // Only the SQL is kept, not the tree of nodes it was compiled from (rows × columns objects).
      const compiled = CompiledQuery.raw(full.sql, [...full.parameters]);
      const slots = compiled.parameters.map(slotOf);
      found = { compiled, slots };
      bySize.set(size, found);
    }
    return found;
  };
  return async (db, rows) => {
    for (let offset = 0; offset < rows.length; ) {
      let size = 1;
      while (size * 2 <= Math.min(maxRows, rows.length - offset)) size *= 2;
      const { compiled, slots } = template(db, size);
      const parameters = slots.map((slot) =>
        "value" in slot
          ? slot.value
          : ((rows[offset + slot.row] as Record<string, unknown> | undefined)?.[
              columns[slot.column] as string
            ] ?? null),
      );
      await db.executeQuery({ ...compiled, parameters });
      offset += size;
    }
  };
}

/** Engine-neutral recognition of a unique-constraint violation (a lost race on an insert). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errcode } = error as Error & { code?: string; errcode?: number };
  // PostgreSQL: SQLSTATE 23505. node:sqlite: extended result code 2067 (SQLITE_CONSTRAINT_UNIQUE) or 1555 (PRIMARY KEY).
  return (
    code === "23505" || errcode === 2067 || errcode === 1555 || /UNIQUE constraint failed/.test(error.message)
  );
}

/** Table types of the imports area; `Database` in schema.ts extends this. */
export type ImportsTables = {};

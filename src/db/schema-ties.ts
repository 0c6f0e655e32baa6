/** Table types of the ties area; `Database` in schema.ts extends this. */
export type TiesTables = {};

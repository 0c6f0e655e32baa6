/** Table types of the events area; `Database` in schema.ts extends this. */
export type EventsTables = {};

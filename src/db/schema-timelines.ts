/** Table types of the timelines area; `Database` in schema.ts extends this. */
export type TimelinesTables = {};

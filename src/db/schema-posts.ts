/** Table types of the posts area; `Database` in schema.ts extends this. */
export type PostsTables = {};

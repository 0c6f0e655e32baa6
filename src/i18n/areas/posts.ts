import { defineArea } from "../area.ts";

/** Messages of the posts area. */
export const posts = defineArea({}, {});

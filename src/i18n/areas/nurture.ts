import { defineArea } from "../area.ts";

/** Messages of the nurture area. */
export const nurture = defineArea({}, {});

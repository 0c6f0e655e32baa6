import { defineArea } from "../area.ts";

/** Messages of the imports area. */
export const imports = defineArea({}, {});

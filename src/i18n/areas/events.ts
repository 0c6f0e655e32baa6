import { defineArea } from "../area.ts";

/** Messages of the events area. */
export const events = defineArea({}, {});

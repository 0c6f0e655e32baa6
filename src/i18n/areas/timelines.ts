import { defineArea } from "../area.ts";

/** Messages of the timelines area. */
export const timelines = defineArea({}, {});

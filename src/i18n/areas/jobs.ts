import { defineArea } from "../area.ts";

/** Messages of the jobs area. */
export const jobs = defineArea({}, {});

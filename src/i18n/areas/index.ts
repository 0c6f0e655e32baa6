import { connections } from "./connections.ts";

/** Every feature area's messages; a feature that brings its own area adds it on both lines. */
export const areas = {
  en: { ...connections.en },
  fr: { ...connections.fr },
};

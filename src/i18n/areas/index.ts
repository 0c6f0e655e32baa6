import { connections } from "./connections.ts";
import { contacts } from "./contacts.ts";
import { messages } from "./messages.ts";

/** Every feature area's messages; a feature that brings its own area adds it on both lines. */
export const areas = {
  en: { ...connections.en, ...contacts.en, ...messages.en },
  fr: { ...connections.fr, ...contacts.fr, ...messages.fr },
};

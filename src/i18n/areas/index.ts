import { connections } from "./connections.ts";
import { contacts } from "./contacts.ts";
import { events } from "./events.ts";
import { eventsForm } from "./events-form.ts";
import { imports } from "./imports.ts";
import { jobs } from "./jobs.ts";
import { messages } from "./messages.ts";
import { notificationSettings } from "./notification-settings.ts";
import { nurture } from "./nurture.ts";
import { nurtureStory } from "./nurture-story.ts";
import { posts } from "./posts.ts";
import { timelines } from "./timelines.ts";

/** Every feature area's messages; a feature that brings its own area adds it on both lines. */
export const areas = {
  en: {
    ...connections.en,
    ...contacts.en,
    ...messages.en,
    ...posts.en,
    ...notificationSettings.en,
    ...timelines.en,
    ...nurture.en,
    ...nurtureStory.en,
    ...events.en,
    ...eventsForm.en,
    ...imports.en,
    ...jobs.en,
  },
  fr: {
    ...connections.fr,
    ...contacts.fr,
    ...messages.fr,
    ...posts.fr,
    ...notificationSettings.fr,
    ...timelines.fr,
    ...nurture.fr,
    ...nurtureStory.fr,
    ...events.fr,
    ...eventsForm.fr,
    ...imports.fr,
    ...jobs.fr,
  },
};

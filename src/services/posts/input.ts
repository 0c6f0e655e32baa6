import { z } from "zod";
import { MAX_POST_LENGTH } from "../../domain/posts/text.ts";
import { VISIBILITIES } from "../../domain/posts/visibility.ts";

export const POLL_DURATIONS = [3600, 86400, 259200, 604800] as const;
export const MAX_POLL_OPTIONS = 4;
export const MAX_ALT = 1500;
export const MAX_CREDIT = 200;

/**
 * The text of a post or comment: as typed, but for surrounding blank lines and control characters
 * other than line breaks and tabs (invisible, and PostgreSQL refuses NUL in text).
 */
export const bodySchema = z
  .string()
  .max(MAX_POST_LENGTH * 2, "error.post.tooLong")
  .transform((s) =>
    s
      .replace(/\r\n?/g, "\n")
      .replace(/[^\P{Cc}\n\t]/gu, "")
      .replace(/^\s*\n|\s+$/g, ""),
  )
  .refine((s) => [...s].length <= MAX_POST_LENGTH, "error.post.tooLong");

/** A poll choice as compared with the others: "Same", "same" and " SAME  " are one choice. */
export function pollChoiceKey(label: string): string {
  return label.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

export const pollSchema = z.object({
  options: z
    .array(z.string().trim().min(1, "error.poll.options").max(100, "error.poll.options"))
    .min(2, "error.poll.options")
    .max(MAX_POLL_OPTIONS, "error.poll.options")
    .refine((options) => new Set(options.map(pollChoiceKey)).size === options.length, "error.poll.duplicate"),
  multiple: z.boolean(),
  durationSeconds: z.coerce
    .number()
    .refine((n) => (POLL_DURATIONS as readonly number[]).includes(n), "error.poll.duration"),
});

export const postSchema = z.object({
  body: bodySchema,
  visibility: z.enum(VISIBILITIES, { error: "error.post.visibility" }),
  parentId: z.string().max(100).nullish(),
  eventId: z.string().max(100).nullish(),
  poll: pollSchema.nullish(),
});

export type PostInput = z.input<typeof postSchema>;

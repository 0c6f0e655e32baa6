import { z } from "zod";

export const MAX_BODY_LENGTH = 5000;
/** Participants of a group conversation, the sender included. */
export const MAX_PARTICIPANTS = 20;

export const messageBody = z
  .string({ error: "error.message.empty" })
  .trim()
  .min(1, "error.message.empty")
  .max(MAX_BODY_LENGTH, "error.message.tooLong");

/** Handles as a person types them in a "To" field: separated by commas or spaces, "@" optional. */
export function splitHandleList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "" && part !== "@");
}

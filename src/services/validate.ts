import type { z } from "zod";
import { type FieldMessage, Invalid } from "../domain/errors.ts";

/**
 * Parses input at a service boundary. Schemas use i18n keys as their messages ("error.email"), so each
 * problem reaches the user in their language beside the field it concerns.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, FieldMessage> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (fields[field]) continue;
    const key = issue.message.startsWith("error.") ? issue.message : "error.invalid";
    fields[field] = { key };
  }
  throw new Invalid(fields);
}

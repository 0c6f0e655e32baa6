import { z } from "zod";
import { handleProblem, normalizeHandle } from "../../domain/handles.ts";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1000;

export const handleField = z
  .string({ error: "error.required" })
  .transform(normalizeHandle)
  .superRefine((handle, ctx) => {
    if (!handle) return ctx.addIssue({ code: "custom", message: "error.required" });
    const problem = handleProblem(handle);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const emailField = z
  .string({ error: "error.required" })
  .trim()
  .toLowerCase()
  .min(1, "error.required")
  .max(254, "error.email")
  .pipe(z.email("error.email"));

export const newPasswordField = z
  .string({ error: "error.required" })
  .min(MIN_PASSWORD_LENGTH, "error.password.tooShort")
  .max(MAX_PASSWORD_LENGTH, "error.password.tooLong");

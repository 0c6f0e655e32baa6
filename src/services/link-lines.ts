import { z } from "zod";

const MAX_LINKS = 6;

/**
 * Links as people type them: one per line, "Label https://…" or a bare address. Only http(s) links
 * are kept (never javascript: or data:), at most six; the label defaults to the host name.
 */
export const linkLinesField = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const parsed: { label: string; url: string }[] = [];
    for (const line of value
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)) {
      const match = /^(.*?)\s*(https?:\/\/\S+)$/i.exec(line);
      const url = match?.[2] ? URL.parse(match[2]) : null;
      if (!match || !url || (url.protocol !== "http:" && url.protocol !== "https:")) {
        ctx.addIssue({ code: "custom", message: "error.link" });
        return z.NEVER;
      }
      parsed.push({ label: (match[1] || url.hostname).slice(0, 60), url: url.href });
    }
    if (parsed.length > MAX_LINKS) {
      ctx.addIssue({ code: "custom", message: "error.tooMany" });
      return z.NEVER;
    }
    return parsed;
  });

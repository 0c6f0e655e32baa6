import type { Context, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { TooLarge } from "../../domain/errors.ts";
import { MAX_UPLOAD_BYTES as MAX_IMPORT_BYTES } from "../../services/imports/limits.ts";
import { MAX_IMAGE_BYTES, MAX_IMAGES } from "../../services/media/images.ts";
import { MAX_AVATAR_BYTES } from "../../services/profiles/avatar.ts";

/** Room for the multipart envelope and the other fields around a file. */
const ENVELOPE = 64 * 1024;
const FORM_LIMIT = 256 * 1024;
const UPLOAD_LIMITS: Record<string, number> = { "/profile/avatar": MAX_AVATAR_BYTES + ENVELOPE };

function limiter(maxSize: number, messageKey: string) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new TooLarge(messageKey);
    },
  });
}

const formLimiter = limiter(FORM_LIMIT, "error.tooLarge");
const uploadLimiters = Object.fromEntries(
  Object.entries(UPLOAD_LIMITS).map(([path, size]) => [path, limiter(size, "error.avatar.tooLarge")]),
);
uploadLimiters["/posts"] = limiter(MAX_IMAGES * MAX_IMAGE_BYTES + ENVELOPE, "error.media.tooLarge");
uploadLimiters["/settings/data/import"] = limiter(
  MAX_IMPORT_BYTES + ENVELOPE,
  "error.imports.uploadTooLarge",
);

/** Caps every request body before anything reads it: small for forms, larger only on upload routes. */
export function limitBody(c: Context, next: Next): Promise<Response | undefined> {
  return (uploadLimiters[c.req.path] ?? formLimiter)(c, next) as Promise<Response | undefined>;
}

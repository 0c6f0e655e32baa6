import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";

/** Only our own generated keys are served: a fixed folder, a fixed file-name shape, a fixed type. */
const AVATAR_KEY = /^avatars\/[0-9a-f-]{36}-[0-9a-f]{16}\.webp$/;

export function mediaRoutes(deps: Deps) {
  return new Hono().get("/media/avatars/:file", async (c) => {
    const key = `avatars/${c.req.param("file")}`;
    if (!AVATAR_KEY.test(key)) return c.notFound();
    const bytes = await deps.storage.get(key);
    if (!bytes) return c.notFound();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "image/webp",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Disposition": "inline",
      "X-Content-Type-Options": "nosniff",
    });
  });
}

import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { publicImage } from "../images.ts";

/**
 * Only our own generated keys are served: a fixed folder, a fixed file-name shape (the account's id,
 * then a hash of the file), a fixed type.
 */
const AVATAR_FILE = /^([0-9a-f-]{36})-[0-9a-f]{16}\.webp$/;

/**
 * Avatars. An avatar is public (src/domain/profile.ts), so any cache may keep it, but asks again each
 * time (src/web/images.ts): only the account's current avatar is served, so a removed or replaced one,
 * or that of a purged account, is "not found" to every cache at once. The check is one primary-key
 * read; a file never changes under its key (a new avatar gets a new one), so the key is its validator
 * and a cache that holds it gets "not modified" without the file being read.
 */
export function mediaRoutes(deps: Deps) {
  return new Hono().get("/media/avatars/:file", async (c) => {
    const file = c.req.param("file");
    const accountId = AVATAR_FILE.exec(file)?.[1];
    if (!accountId) return c.notFound();
    const key = `avatars/${file}`;
    const current = await deps.db
      .selectFrom("actors")
      .select("avatar_key")
      .where("id", "=", accountId)
      .executeTakeFirst();
    if (current?.avatar_key !== key) return c.notFound();
    return publicImage(c, `"${file.slice(0, -".webp".length)}"`, () => deps.storage.get(key));
  });
}

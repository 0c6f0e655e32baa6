import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { pendingOf } from "../../services/posts/pending-media.ts";
import { visiblePost } from "../../services/posts/visible.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { privateImage, publicImage } from "../images.ts";

/** Only our own generated media ids (UUIDs) are looked up. */
const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A post's image and its thumbnail, exactly as visible as the post; an image kept from a refused
 * composer form (pending), to its owner only.
 */
export function postMediaRoutes(deps: Deps) {
  async function keptImage(c: AppContext, mediaId: string, thumb: boolean) {
    const viewer = c.get("viewer");
    if (!viewer) return c.notFound();
    const [kept] = (await pendingOf(deps.db, viewer.accountId, [mediaId])).values();
    if (!kept) return c.notFound();
    return privateImage(c, () => deps.storage.get(thumb ? kept.thumbKey : kept.storageKey));
  }

  return new Hono<AppEnv>().get("/media/posts/:id/:variant{thumb}?", async (c) => {
    const mediaId = c.req.param("id");
    if (!MEDIA_ID.test(mediaId)) return c.notFound();
    const thumb = Boolean(c.req.param("variant"));
    const media = await deps.db
      .selectFrom("post_media")
      .select(["post_id", "storage_key", "thumb_key"])
      .where("id", "=", mediaId)
      .executeTakeFirst();
    if (!media) return keptImage(c, mediaId, thumb);
    // The file is exactly as visible as its post: a private post's image is "not found" to others.
    const post = await visiblePost(deps.db, c.get("viewer")?.accountId ?? null, media.post_id).catch(
      () => null,
    );
    if (!post) return c.notFound();
    // A public post's image: a file never changes under its id, so the id is its validator.
    const read = () => deps.storage.get(thumb ? media.thumb_key : media.storage_key);
    return post.visibility === "public"
      ? publicImage(c, `"${mediaId}${thumb ? "-thumb" : ""}"`, read)
      : privateImage(c, read);
  });
}

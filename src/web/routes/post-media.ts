import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { pendingOf } from "../../services/posts/pending-media.ts";
import { visiblePost } from "../../services/posts/visible.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { requestHeader } from "../request-headers.ts";

/** Only our own generated media ids (UUIDs) are looked up. */
const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A public post's image may be kept by any cache, shared ones included, but is asked for again each
 * time (`no-cache`): a deleted post takes its images off every cache at once ("not found"), not a day
 * later. Asking again is cheap: a file never changes under its id, so the id is its validator, and a
 * cache holding it gets "not modified" without the file being read.
 */
const PUBLIC_IMAGE_CACHING = "public, no-cache";

/** Whether an If-None-Match header names this entity tag (one of a list, weak or not, or "*"). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/**
 * A post's image and its thumbnail, exactly as visible as the post; an image kept from a refused
 * composer form (pending), to its owner only.
 */
export function postMediaRoutes(deps: Deps) {
  async function keptImage(c: AppContext, mediaId: string, thumb: boolean) {
    const viewer = c.get("viewer");
    if (!viewer) return c.notFound();
    const [kept] = (await pendingOf(deps.db, viewer.accountId, [mediaId])).values();
    const bytes = kept ? await deps.storage.get(thumb ? kept.thumbKey : kept.storageKey) : null;
    if (!bytes) return c.notFound();
    return imageResponse(c, bytes, "private, no-store");
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
    const isPublic = post.visibility === "public";
    const etag = `"${mediaId}${thumb ? "-thumb" : ""}"`;
    if (isPublic && matches(requestHeader(c, "if-none-match"), etag))
      return c.body(null, 304, { "Cache-Control": PUBLIC_IMAGE_CACHING, ETag: etag });
    const bytes = await deps.storage.get(thumb ? media.thumb_key : media.storage_key);
    if (!bytes) return c.notFound();
    return isPublic
      ? imageResponse(c, bytes, PUBLIC_IMAGE_CACHING, { ETag: etag })
      : imageResponse(c, bytes, "private, no-store");
  });
}

function imageResponse(
  c: AppContext,
  bytes: Uint8Array,
  cacheControl: string,
  extra: Record<string, string> = {},
) {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": "image/webp",
    "Cache-Control": cacheControl,
    "Content-Disposition": "inline",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ...extra,
  });
}

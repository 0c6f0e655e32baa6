import type { Context } from "hono";
import { requestHeader } from "./request-headers.ts";

/**
 * How the images we store are served (post images, avatars, event covers), one policy for all.
 *
 * An image anyone may see may be kept by any cache, shared ones included, but is asked for again each
 * time (`no-cache`): when it goes (its post deleted, an avatar removed or replaced, an account
 * purged, an event's cover removed or the event no longer public) every cache hears "not found" at
 * once, not a day or a year later. Asking again is cheap: a stored file never changes under its key
 * (or id), so that is its strong validator, and a cache holding it gets "not modified" after the
 * route's checks, without the file being read.
 *
 * An image for fewer people is kept by no cache at all, and has no validator.
 */
export const PUBLIC_IMAGE_CACHING = "public, no-cache";
export const PRIVATE_IMAGE_CACHING = "private, no-store";

/** Whether an If-None-Match header names this entity tag (one of a list, weak or not, or "*"). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/** A stored WebP image, inline, never sniffed as anything else, never run as a document. */
export function imageResponse(
  c: Context,
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

/**
 * An image anyone may see, once the route has checked that it is still there for everyone:
 * "not modified" to a cache that names `etag` (the file is not read), else the file (`read`), or
 * "not found" if it is gone.
 *
 *   return publicImage(c, `"${mediaId}"`, () => deps.storage.get(key));
 */
export async function publicImage(
  c: Context,
  etag: string,
  read: () => Promise<Uint8Array | null>,
): Promise<Response> {
  if (matchesEtag(requestHeader(c, "if-none-match"), etag))
    return c.body(null, 304, { "Cache-Control": PUBLIC_IMAGE_CACHING, ETag: etag });
  const bytes = await read();
  if (!bytes) return c.notFound();
  return imageResponse(c, bytes, PUBLIC_IMAGE_CACHING, { ETag: etag });
}

/** An image for fewer people than everyone: kept by no cache. */
export async function privateImage(c: Context, read: () => Promise<Uint8Array | null>): Promise<Response> {
  const bytes = await read();
  if (!bytes) return c.notFound();
  return imageResponse(c, bytes, PRIVATE_IMAGE_CACHING);
}

import type { Sharp } from "sharp";
import { Invalid } from "../../domain/errors.ts";

/** Decoded, an image takes about 4 bytes a pixel: a few kilobytes can claim gigabytes (a "bomb"). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * An uploaded image, ready to be decoded, once its size in pixels, read from its header alone
 * (nothing decoded yet), is at most MAX_IMAGE_PIXELS: more is refused as too many pixels, a header
 * that cannot be read as unreadable; `field` names the form field a problem is reported on. The image
 * library is loaded on first upload: it is large and most requests never need it.
 */
export async function openImage(bytes: Uint8Array, field: string): Promise<Sharp> {
  const { default: sharp } = await import("sharp");
  const size = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!size) throw Invalid.field(field, "error.media.unreadable");
  if ((size.width ?? 0) * (size.height ?? 0) > MAX_IMAGE_PIXELS)
    throw Invalid.field(field, "error.media.tooManyPixels");
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS });
}

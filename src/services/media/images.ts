import { Invalid } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { sniffImage } from "../profiles/avatar.ts";
import { openImage } from "./open-image.ts";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGES = 4;
const FULL_SIZE = 2048;
const THUMB_SIZE = 640;

export interface ImageUpload {
  bytes: Uint8Array;
  alt: string;
  credit: string;
}

/** A re-encoded image and its thumbnail, not stored yet. */
export interface ProcessedImage {
  full: Uint8Array;
  thumb: Uint8Array;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  alt: string;
  credit: string;
}

/**
 * Checks an upload by its content (magic bytes, its size in pixels from its header, then a full
 * decode), and re-encodes it as WebP at most 2048 px and as a 640 px thumbnail — which drops EXIF, GPS
 * and every other metadata. `field` names the form field a problem is reported on.
 */
export async function processImage(upload: ImageUpload, field: string): Promise<ProcessedImage> {
  const { bytes } = upload;
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw Invalid.field(field, "error.media.tooLarge");
  if (!sniffImage(bytes)) throw Invalid.field(field, "error.media.type");
  const image = await openImage(bytes, field);
  try {
    const base = image.rotate();
    const full = await base
      .clone()
      .resize(FULL_SIZE, FULL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await base
      .clone()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer({ resolveWithObject: true });
    return {
      full: full.data,
      thumb: thumb.data,
      width: full.info.width,
      height: full.info.height,
      thumbWidth: thumb.info.width,
      thumbHeight: thumb.info.height,
      alt: upload.alt,
      credit: upload.credit,
    };
  } catch {
    throw Invalid.field(field, "error.media.unreadable");
  }
}

export interface StoredImage extends ProcessedImage {
  id: string;
  storageKey: string;
  thumbKey: string;
}

/** Writes processed images to storage; if one write fails, the ones written are removed again. */
export async function storeImages(
  deps: Pick<Deps, "storage" | "newId">,
  images: ProcessedImage[],
): Promise<StoredImage[]> {
  const stored: StoredImage[] = [];
  try {
    for (const image of images) {
      const id = deps.newId();
      const entry = { ...image, id, storageKey: `posts/${id}.webp`, thumbKey: `posts/${id}-thumb.webp` };
      stored.push(entry);
      await deps.storage.put(entry.storageKey, image.full);
      await deps.storage.put(entry.thumbKey, image.thumb);
    }
  } catch (error) {
    await removeFiles(
      deps,
      stored.flatMap((s) => [s.storageKey, s.thumbKey]),
    );
    throw error;
  }
  return stored;
}

/** Removes stored files; a file already gone is not an error. */
export async function removeFiles(deps: Pick<Deps, "storage">, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => deps.storage.delete(key).catch(() => undefined)));
}

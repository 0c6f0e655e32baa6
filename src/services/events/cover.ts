import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { Invalid } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { openImage } from "../media/open-image.ts";
import { MAX_AVATAR_BYTES, sniffImage } from "../profiles/avatar.ts";

const COVER_WIDTH = 1200;
const COVER_HEIGHT = 630;

/**
 * A cover image, checked by content, re-encoded as a 1200×630 WebP (which drops EXIF, GPS and every
 * other metadata) and stored under a content-hash key; one of too many pixels is refused before it is
 * decoded (`openImage`).
 */
export async function storeCover(deps: Pick<Deps, "storage">, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_AVATAR_BYTES) throw Invalid.field("cover", "error.avatar.tooLarge");
  if (!sniffImage(bytes)) throw Invalid.field("cover", "error.avatar.type");
  const image = await openImage(bytes, "cover");
  let output: Buffer;
  try {
    output = await image
      .rotate()
      .resize(COVER_WIDTH, COVER_HEIGHT, { fit: "cover" })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    throw Invalid.field("cover", "error.avatar.unreadable");
  }
  const key = `events/${createHash("sha256").update(output).digest("hex").slice(0, 32)}.webp`;
  await deps.storage.put(key, output);
  return key;
}

/** Deletes a cover file once no event uses it any more (occurrences of a series share theirs). */
export async function forgetCover(
  deps: Pick<Deps, "storage"> & { db: Kysely<Database> },
  key: string | null,
): Promise<void> {
  if (!key) return;
  const used = await deps.db
    .selectFrom("events")
    .select("id")
    .where("cover_key", "=", key)
    .executeTakeFirst();
  if (!used) await deps.storage.delete(key);
}

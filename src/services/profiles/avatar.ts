import { createHash } from "node:crypto";
import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { openImage } from "../media/open-image.ts";

export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
const AVATAR_SIZE = 400;

/** The format by content (magic bytes), never by file name or declared type. */
export function sniffImage(bytes: Uint8Array): "png" | "jpeg" | "webp" | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return "png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 12 && b.toString("ascii", 0, 4) === "RIFF" && b.toString("ascii", 8, 12) === "WEBP")
    return "webp";
  return null;
}

/**
 * Sets the avatar: checked by content (its format, then its size in pixels), re-encoded square as
 * WebP (which drops EXIF, GPS and every other metadata), stored under a content-hash key, and the
 * previous file removed.
 */
export async function setAvatar(
  deps: Pick<Deps, "db" | "storage" | "clock">,
  viewer: Viewer,
  bytes: Uint8Array,
): Promise<string> {
  if (bytes.byteLength === 0) throw Invalid.field("avatar", "error.required");
  if (bytes.byteLength > MAX_AVATAR_BYTES) throw Invalid.field("avatar", "error.avatar.tooLarge");
  if (!sniffImage(bytes)) throw Invalid.field("avatar", "error.avatar.type");
  const image = await openImage(bytes, "avatar");
  let output: Buffer;
  try {
    output = await image
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw Invalid.field("avatar", "error.avatar.unreadable");
  }
  const key = `avatars/${viewer.accountId}-${createHash("sha256").update(output).digest("hex").slice(0, 16)}.webp`;
  await deps.storage.put(key, output);
  const previous = await deps.db
    .selectFrom("actors")
    .select("avatar_key")
    .where("id", "=", viewer.accountId)
    .executeTakeFirst();
  await deps.db
    .updateTable("actors")
    .set({ avatar_key: key, updated_at: deps.clock.now().toISOString() })
    .where("id", "=", viewer.accountId)
    .execute();
  if (previous?.avatar_key && previous.avatar_key !== key) await deps.storage.delete(previous.avatar_key);
  return key;
}

export async function removeAvatar(
  deps: Pick<Deps, "db" | "storage" | "clock">,
  viewer: Viewer,
): Promise<void> {
  const previous = await deps.db
    .selectFrom("actors")
    .select("avatar_key")
    .where("id", "=", viewer.accountId)
    .executeTakeFirst();
  await deps.db
    .updateTable("actors")
    .set({ avatar_key: null, updated_at: deps.clock.now().toISOString() })
    .where("id", "=", viewer.accountId)
    .execute();
  if (previous?.avatar_key) await deps.storage.delete(previous.avatar_key);
}

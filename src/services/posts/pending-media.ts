import { z } from "zod";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { removeFiles, type StoredImage } from "../media/images.ts";

/** The job that removes a kept image a day after it was kept, unless a post took it meanwhile. */
export const PENDING_MEDIA_JOB = "posts.pendingMediaExpired";
/** How long an image chosen in a refused form is kept for its owner. */
export const PENDING_MEDIA_KEEP_MS = 86_400_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An image kept from a refused composer form (a `pending_media` row), ready to become a post's. */
export interface PendingImage {
  id: string;
  storageKey: string;
  thumbKey: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}

/**
 * Keeps stored images as the account's pending uploads, each with the job that removes it after a day
 * (the rows and their jobs in one transaction).
 */
export async function keepPending(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  accountId: string,
  images: StoredImage[],
): Promise<void> {
  if (images.length === 0) return;
  const at = deps.clock.now();
  const runAt = new Date(at.getTime() + PENDING_MEDIA_KEEP_MS).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("pending_media")
      .values(
        images.map((image) => ({
          id: image.id,
          account_id: accountId,
          storage_key: image.storageKey,
          thumb_key: image.thumbKey,
          width: image.width,
          height: image.height,
          thumb_width: image.thumbWidth,
          thumb_height: image.thumbHeight,
          created_at: at.toISOString(),
        })),
      )
      .execute();
    for (const image of images) {
      // No account id in the payload: an account's purge drops the jobs naming it, and these must
      // still remove the files of an account gone meanwhile.
      await enqueue(
        { ...deps, db: tx },
        {
          kind: PENDING_MEDIA_JOB,
          payload: { id: image.id, keys: [image.storageKey, image.thumbKey] },
          runAt,
          key: `pending-media:${image.id}`,
        },
      );
    }
  });
}

/** The account's own pending images among `ids` (anything else, someone else's included, is absent). */
export async function pendingOf(
  db: Deps["db"],
  accountId: string,
  ids: string[],
): Promise<Map<string, PendingImage>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("pending_media")
    .selectAll()
    .where("id", "in", wanted)
    .where("account_id", "=", accountId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        storageKey: r.storage_key,
        thumbKey: r.thumb_key,
        width: r.width,
        height: r.height,
        thumbWidth: r.thumb_width,
        thumbHeight: r.thumb_height,
      },
    ]),
  );
}

/** Removes some of the account's pending images (removed or replaced in the form), rows and files. */
export async function dropPending(
  deps: Pick<Deps, "db" | "storage">,
  accountId: string,
  ids: string[],
): Promise<void> {
  const found = await pendingOf(deps.db, accountId, ids);
  if (found.size === 0) return;
  await deps.db
    .deleteFrom("pending_media")
    .where("id", "in", [...found.keys()])
    .where("account_id", "=", accountId)
    .execute();
  await removeFiles(
    deps,
    [...found.values()].flatMap((p) => [p.storageKey, p.thumbKey]),
  );
}

const KEY = /^posts\/[0-9a-f-]{36}(-thumb)?\.webp$/;
const payloadSchema = z.object({ id: z.string(), keys: z.array(z.string().regex(KEY)) });

/**
 * A day after an image was kept: its row and files go, unless a post took it (the post's media then
 * has its id, and its files). An account deleted meanwhile took the row with it: the files go too.
 */
export async function expirePendingMedia(
  deps: Pick<Deps, "db" | "storage">,
  payload: unknown,
): Promise<void> {
  const { id, keys } = payloadSchema.parse(payload);
  const { numDeletedRows } = await deps.db
    .deleteFrom("pending_media")
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(numDeletedRows) === 0) {
    const used = await deps.db.selectFrom("post_media").select("id").where("id", "=", id).executeTakeFirst();
    if (used) return;
  }
  await removeFiles(deps, keys);
}

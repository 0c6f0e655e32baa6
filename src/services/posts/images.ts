import { type FieldMessage, Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { MAX_IMAGES, type ProcessedImage, processImage, removeFiles, storeImages } from "../media/images.ts";
import { MAX_ALT, MAX_CREDIT } from "./input.ts";
import { dropPending, keepPending, type PendingImage, pendingOf } from "./pending-media.ts";

/**
 * One image place of the composer (image1..4 with alt1..4 and credit1..4): a new file, or an image kept
 * from an earlier refused try of the same form (`pendingId`), which `remove` drops.
 */
export interface ImageSlot {
  /** 1..4, the form's place; by default the place in the list. */
  slot?: number;
  bytes?: Uint8Array;
  pendingId?: string;
  remove?: boolean;
  alt: string;
  credit: string;
}

/** An image of a refused form, kept for its owner and shown again in the form's place `slot`. */
export interface KeptImage {
  slot: number;
  id: string;
  thumbWidth: number;
  thumbHeight: number;
}

/** A refused post: every problem, beside its field, and the images kept for the next try. */
export class InvalidPost extends Invalid {
  constructor(
    fields: Record<string, FieldMessage>,
    readonly kept: KeptImage[],
  ) {
    super(fields);
  }
}

/** An image that passed its own checks: new (processed, not stored yet) or kept from before. */
export interface ReadyImage {
  slot: number;
  alt: string;
  credit: string;
  fresh: ProcessedImage | null;
  pending: PendingImage | null;
}

/**
 * A credit as kept: the name alone. The line under the image says "Photo: …" itself, so a credit typed
 * as "Photo: Jane Doe" (or "Photo : …", "Crédit photo : …") would read "Photo: Photo: Jane Doe".
 */
function creditName(typed: string): string {
  return typed.trim().replace(/^(?:cr[ée]dits?\s+)?photos?\s*[:：]\s*/iu, "");
}

/** Adds a problem unless its field has one already (the first one found is the one shown). */
export function addError(errors: Record<string, FieldMessage>, field: string, key: string): void {
  errors[field] ??= { key };
}

/**
 * Checks every image place at once, adding each problem to `errors` beside its own field: a file is
 * decoded and re-encoded (processImage), a kept image must still be the viewer's, an image needs its
 * alt text, and alt text or a credit without an image is refused rather than dropped; a place beyond
 * the fourth is refused. Kept images removed or replaced in the form are deleted here. Returns the
 * images that passed, in their places' order.
 */
export async function prepareImages(
  deps: Pick<Deps, "db" | "storage">,
  viewer: Viewer,
  slots: ImageSlot[],
  errors: Record<string, FieldMessage>,
): Promise<ReadyImage[]> {
  const numbered = slots.map((s, index) => ({ ...s, slot: s.slot ?? index + 1 }));
  const within = numbered.filter((s) => s.slot >= 1 && s.slot <= MAX_IMAGES);
  if (within.length < numbered.length) addError(errors, "images", "error.media.tooMany");
  const found = await pendingOf(
    deps.db,
    viewer.accountId,
    within.flatMap((s) => (s.pendingId && !s.remove ? [s.pendingId] : [])),
  );
  const drop = within.flatMap((s) => (s.pendingId && s.remove ? [s.pendingId] : []));
  const ready: ReadyImage[] = [];
  for (const s of [...within].sort((x, y) => x.slot - y.slot)) {
    const n = s.slot;
    const alt = s.alt.trim();
    const credit = creditName(s.credit);
    const file = s.bytes && s.bytes.byteLength > 0 ? s.bytes : null;
    let pending: PendingImage | null = null;
    if (s.pendingId && !s.remove) {
      pending = found.get(s.pendingId) ?? null;
      // Each kept image goes in one place only.
      found.delete(s.pendingId);
    }
    const lost = Boolean(s.pendingId && !s.remove && !pending);
    let fresh: ProcessedImage | null = null;
    if (file) {
      try {
        fresh = await processImage({ bytes: file, alt, credit }, `image${n}`);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        for (const [field, message] of Object.entries(error.fields)) errors[field] ??= message;
      }
      // A new file in a place that had a kept image replaces it.
      if (fresh && pending) {
        drop.push(pending.id);
        pending = null;
      }
    } else if (lost) {
      addError(errors, `image${n}`, "error.media.expired");
    }
    if (file || pending) {
      if (alt === "") addError(errors, `alt${n}`, "error.media.altRequired");
      else if (alt.length > MAX_ALT) addError(errors, `alt${n}`, "error.media.altTooLong");
      if (credit.length > MAX_CREDIT) addError(errors, `credit${n}`, "error.media.creditTooLong");
    } else if (!lost && !s.remove) {
      if (alt !== "") addError(errors, `alt${n}`, "error.media.altWithoutImage");
      if (credit !== "") addError(errors, `credit${n}`, "error.media.creditWithoutImage");
    }
    if (fresh || pending) ready.push({ slot: n, alt, credit, fresh, pending });
  }
  await dropPending(deps, viewer.accountId, drop);
  return ready;
}

/**
 * The images of a refused form, kept for its next try: new ones are stored and become the viewer's
 * pending images (removed after a day if no post takes them); kept ones stay as they are.
 */
export async function keepImages(
  deps: Pick<Deps, "db" | "storage" | "clock" | "newId">,
  viewer: Viewer,
  ready: ReadyImage[],
): Promise<KeptImage[]> {
  const fresh = ready.flatMap((r) => (r.fresh ? [r.fresh] : []));
  const stored = await storeImages(deps, fresh);
  try {
    await keepPending(deps, viewer.accountId, stored);
  } catch (error) {
    await removeFiles(
      deps,
      stored.flatMap((s) => [s.storageKey, s.thumbKey]),
    );
    throw error;
  }
  let next = 0;
  return ready.flatMap((r): KeptImage[] => {
    const image = r.fresh ? stored[next++] : r.pending;
    return image
      ? [{ slot: r.slot, id: image.id, thumbWidth: image.thumbWidth, thumbHeight: image.thumbHeight }]
      : [];
  });
}

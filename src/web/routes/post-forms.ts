import type { ImageSlot } from "../../services/posts/images.ts";
import type { Values } from "../views/form.tsx";

/** The places of the composer's images: image1..4, media1..4, remove1..4, alt1..4, credit1..4. */
const IMAGE_FIELD = /^(?:image|media|remove|alt|credit)([0-9]+)$/;

/**
 * The composer's image places, each with its new file, the image kept from a refused try (`media<n>`),
 * its removal, alt text and credit. Every place named is read, a fifth as well: the service refuses
 * it rather than it being dropped unseen. Empty places are left out.
 */
export async function readImages(body: Record<string, unknown>): Promise<ImageSlot[]> {
  const text = (name: string) => {
    const value = body[name];
    return typeof value === "string" ? value : "";
  };
  const places = new Set<number>();
  for (const name of Object.keys(body)) {
    const match = IMAGE_FIELD.exec(name);
    if (match) places.add(Math.min(Number(match[1]), 99));
  }
  const slots: ImageSlot[] = [];
  for (const n of [...places].sort((a, b) => a - b)) {
    const file = body[`image${n}`];
    const bytes =
      file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
    const pendingId = text(`media${n}`);
    const slot: ImageSlot = {
      slot: n,
      alt: text(`alt${n}`),
      credit: text(`credit${n}`),
      remove: text(`remove${n}`) === "1",
      ...(bytes ? { bytes } : {}),
      ...(pendingId ? { pendingId } : {}),
    };
    if (bytes || pendingId || slot.alt.trim() !== "" || slot.credit.trim() !== "") slots.push(slot);
  }
  return slots;
}

/**
 * The values a refused composer is drawn again with: a removed image's alt text and credit go with it
 * (unless a new file took its place); kept images are named by `kept`, not by the fields sent.
 */
export function composerValues(form: Values, slots: ImageSlot[]): Values {
  const values: Values = { ...form };
  for (const name of Object.keys(values)) if (/^(media|remove)[0-9]+$/.test(name)) delete values[name];
  for (const slot of slots) {
    if (!slot.remove || slot.bytes) continue;
    delete values[`alt${slot.slot}`];
    delete values[`credit${slot.slot}`];
  }
  return values;
}

/** A poll choice's field: pollOption1..4 in the composer. */
const POLL_OPTION_FIELD = /^pollOption([0-9]{1,3})$/;

/**
 * The poll a composer form asks for (its filled choices, in the order of their fields), or null.
 * Every choice field sent is read, a fifth as well: the service refuses it rather than it being
 * dropped unseen.
 */
export function pollFrom(form: Values) {
  const options = Object.keys(form)
    .flatMap((name) => {
      const match = POLL_OPTION_FIELD.exec(name);
      return match ? [{ n: Number(match[1]), text: form[name]?.trim() ?? "" }] : [];
    })
    .sort((a, b) => a.n - b.n)
    .map((o) => o.text)
    .filter((o) => o !== "");
  if (options.length === 0) return null;
  return {
    options,
    multiple: form.pollMultiple === "1",
    durationSeconds: Number(form.pollDuration ?? 86400),
  };
}

import { crc32, deflateSync } from "node:zlib";

/** Test images made on the fly with sharp (the library the app itself uses). */
export async function jpegWithExif(width = 800, height = 600): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: "SECRET-EXIF-MARK", Artist: "SECRET-EXIF-MARK" } })
    .toBuffer();
}

export async function png(width = 64, height = 48): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();
}

/** A composer form as the browser sends it. */
export function composerForm(
  fields: Record<string, string>,
  files: Record<string, Uint8Array> = {},
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [k, bytes] of Object.entries(files)) {
    form.set(k, new File([bytes as Uint8Array<ArrayBuffer>], `${k}.jpg`, { type: "image/jpeg" }));
  }
  return form;
}

/**
 * A PNG that says it is 20,000 × 20,000 pixels (400 million: gigabytes once decoded) in a few hundred
 * bytes — a decompression bomb. Its first rows are there; the header is what is read.
 */
export function pixelBomb(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header[8] = 8; // 8 bits a sample, grey, no interlace
  const rows = deflateSync(Buffer.alloc(20_001 * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", rows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

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

import QRCode from "qrcode";

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * A QR code of `url` as inline SVG markup (no script, no style attribute: fits the CSP), `size` pixels
 * wide, named for assistive technologies by `label`.
 */
export async function qrSvg(url: string, label: string, size = 240): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  const attributes = `role="img" aria-label="${escapeAttribute(label)}" width="${size}" height="${size}"`;
  return svg.replace("<svg ", `<svg ${attributes} `);
}

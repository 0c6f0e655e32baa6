import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";

interface Asset {
  body: Uint8Array;
  type: string;
  hash: string;
}

const require = createRequire(import.meta.url);

function load(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, hash: createHash("sha256").update(body).digest("hex").slice(0, 12) };
}

/** Our stylesheet and scripts, and htmx from its installed package (no CDN), loaded once, served with long caching. */
const assets: Record<string, Asset> = {
  "style.css": load(new URL("./public/style.css", import.meta.url).pathname, "text/css; charset=utf-8"),
  "htmx.min.js": load(require.resolve("htmx.org/dist/htmx.min.js"), "text/javascript; charset=utf-8"),
  "live.js": load(new URL("./public/live.js", import.meta.url).pathname, "text/javascript; charset=utf-8"),
  "composer.js": load(
    new URL("./public/composer.js", import.meta.url).pathname,
    "text/javascript; charset=utf-8",
  ),
};

/** A content-versioned URL, so a new release is fetched at once and an old one cached for a year. */
export function assetUrl(name: keyof typeof assets & string): string {
  const asset = assets[name];
  return asset ? `/static/${name}?v=${asset.hash}` : `/static/${name}`;
}

export const assetRoutes = new Hono().get("/static/:name", (c) => {
  const asset = assets[c.req.param("name")];
  if (!asset) return c.notFound();
  return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": asset.type,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    ETag: `"${asset.hash}"`,
  });
});

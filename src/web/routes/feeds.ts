import { Hono } from "hono";
import { plainText } from "../../domain/posts/text.ts";
import { translator } from "../../i18n/index.ts";
import type { Deps } from "../../services/deps.ts";
import { cardAst, type PostCard } from "../../services/posts/cards.ts";
import { authorFeed } from "../../services/posts/feed.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { PostBody } from "../views/post-card.tsx";

/** Whether XML 1.0 allows a character at all (a control character someone pasted is dropped). */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

/** Text for an XML element or attribute: every markup character escaped. */
export function xml(text: string): string {
  return [...text]
    .filter(allowedInXml)
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function title(card: PostCard): string {
  const text = plainText(cardAst(card)).replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > 80 ? `${chars.slice(0, 79).join("")}…` : text;
}

/** The post as HTML from our own tree (escaped by JSX), then escaped again as XML text. */
async function html(card: PostCard, base: string): Promise<string> {
  const body = String(await PostBody({ ast: cardAst(card) }).toString());
  const images = card.media
    .map(
      (m) =>
        `<p><img src="${xml(base + m.url)}" alt="${xml(m.alt)}"/>${m.credit ? ` ${xml(m.credit)}` : ""}</p>`,
    )
    .join("");
  return body.replace(/href="\//g, `href="${base}/`) + images;
}

/**
 * The site's icon: two linked rings on the accent colour, as SVG (every current browser draws one;
 * the layout links it). Also answered at `/favicon.ico`, which browsers and feed readers ask for
 * without looking at the page: a 404 there logs an error in the console on each first visit.
 */
export const FAVICON_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
  '<rect width="32" height="32" rx="7" fill="#0b5cad"/>',
  '<g fill="none" stroke="#fff" stroke-width="3"><circle cx="12" cy="16" r="6"/><circle cx="20" cy="16" r="6"/></g>',
  "</svg>",
].join("");
const FAVICON_HEADERS = {
  "Content-Type": "image/svg+xml",
  // A week: the address carries no version, and a new icon may take that long to show.
  "Cache-Control": "public, max-age=604800",
  "X-Content-Type-Options": "nosniff",
  // Opened on its own, the picture may run nothing and load nothing.
  "Content-Security-Policy": "default-src 'none'",
};

/**
 * Atom and RSS feeds of a person's public posts: `/@handle/feed.atom`, `/@handle/feed.rss`; and the
 * site's icon, another file served as it is. A feed is the same for every reader, in its author's
 * language: shared caches keep it, whoever asked first.
 */
export function feedRoutes(deps: Deps) {
  const base = deps.config.publicUrl.replace(/\/$/, "");
  const favicon = (c: AppContext) => c.body(FAVICON_SVG, 200, FAVICON_HEADERS);
  return new Hono<AppEnv>()
    .get("/favicon.svg", favicon)
    .get("/favicon.ico", favicon)
    .get("/:at{@[A-Za-z0-9_]+}/:file{feed\\.(?:atom|rss)}", async (c) => {
      const handle = c.req.param("at").slice(1).toLowerCase();
      const { author, posts } = await authorFeed(deps, handle);
      const profile = `${base}/@${author.handle}`;
      const lang = author.locale;
      const feedTitle = translator(lang)("posts.feed.title", {
        name: author.displayName,
        handle: author.handle,
        instance: deps.config.instanceName,
      });
      // The latest change of any entry: an older post edited since counts, not only the newest post.
      const updated =
        posts
          .map((p) => p.editedAt ?? p.createdAt)
          .sort()
          .at(-1) ?? new Date(0).toISOString();
      const entries = await Promise.all(posts.map(async (p) => ({ card: p, html: await html(p, base) })));
      const headers = { "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" };
      if (c.req.param("file") === "feed.atom") {
        const body = [
          '<?xml version="1.0" encoding="utf-8"?>',
          `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
          `<id>${xml(profile)}</id>`,
          `<title>${xml(feedTitle)}</title>`,
          `<updated>${xml(updated)}</updated>`,
          `<link rel="alternate" type="text/html" href="${xml(profile)}"/>`,
          `<link rel="self" type="application/atom+xml" href="${xml(`${profile}/feed.atom`)}"/>`,
          `<author><name>${xml(author.displayName)}</name><uri>${xml(profile)}</uri></author>`,
          ...entries.map(({ card, html: content }) =>
            [
              "<entry>",
              `<id>${xml(base + card.url)}</id>`,
              `<title>${xml(title(card))}</title>`,
              `<link rel="alternate" type="text/html" href="${xml(base + card.url)}"/>`,
              `<published>${xml(card.createdAt)}</published>`,
              `<updated>${xml(card.editedAt ?? card.createdAt)}</updated>`,
              `<content type="html">${xml(content)}</content>`,
              "</entry>",
            ].join(""),
          ),
          "</feed>",
        ].join("\n");
        return c.body(body, 200, { ...headers, "Content-Type": "application/atom+xml; charset=utf-8" });
      }
      const rfc822 = (iso: string) => new Date(iso).toUTCString();
      const body = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        `<title>${xml(feedTitle)}</title>`,
        `<link>${xml(profile)}</link>`,
        `<description>${xml(feedTitle)}</description>`,
        `<language>${lang}</language>`,
        `<atom:link rel="self" type="application/rss+xml" href="${xml(`${profile}/feed.rss`)}"/>`,
        `<lastBuildDate>${xml(rfc822(updated))}</lastBuildDate>`,
        ...entries.map(({ card, html: content }) =>
          [
            "<item>",
            `<guid isPermaLink="true">${xml(base + card.url)}</guid>`,
            `<link>${xml(base + card.url)}</link>`,
            `<title>${xml(title(card))}</title>`,
            `<pubDate>${xml(rfc822(card.createdAt))}</pubDate>`,
            `<description>${xml(content)}</description>`,
            "</item>",
          ].join(""),
        ),
        "</channel>",
        "</rss>",
      ].join("\n");
      return c.body(body, 200, { ...headers, "Content-Type": "application/rss+xml; charset=utf-8" });
    });
}

import { elide } from "./elision.ts";
import { en, type MessageKey } from "./en.ts";
import { fr } from "./fr.ts";
import { expandPlurals } from "./plural.ts";

export type { MessageKey };
export const SUPPORTED_LOCALES = ["en", "fr"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

export type Params = Record<string, string | number>;
/** Translates a key; unknown keys (a bug) fall back to English, then to the key itself. */
export type Translate = (key: MessageKey | (string & {}), params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "fr";
}

function interpolate(template: string, locale: Locale, params?: Params): string {
  if (!params) return template;
  const whole = expandPlurals(template, params, locale);
  return (locale === "fr" ? elide(whole, params) : whole).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const catalogue = catalogues[locale];
    t = (key, params) =>
      interpolate(catalogue[key as MessageKey] ?? en[key as MessageKey] ?? key, locale, params);
    translators.set(locale, t);
  }
  return t;
}

/** The best supported language in an Accept-Language header (quality values honoured), or null. */
export function negotiateLocale(header: string | undefined): Locale | null {
  if (!header) return null;
  let best: Locale | null = null;
  let bestQuality = 0;
  for (const part of header.split(",")) {
    const [tag = "", ...attributes] = part.trim().split(";");
    const language = tag.trim().slice(0, 2).toLowerCase();
    const q = attributes.find((a) => a.trim().startsWith("q="));
    const quality = q ? Number.parseFloat(q.trim().slice(2)) || 0 : 1;
    if (isLocale(language) && quality > bestQuality) {
      best = language;
      bestQuality = quality;
    }
  }
  return best;
}

/** Whether Intl writes dates for a language-REGION tag (asked once per tag: the question costs 5 µs). */
const knownRegions = new Map<string, boolean>();
function writesDates(tag: string): boolean {
  let known = knownRegions.get(tag);
  if (known === undefined) {
    known = Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0;
    knownRegions.set(tag, known);
  }
  return known;
}

/**
 * How dates are written for someone reading in `locale`: in the region of their browser when it asks
 * for that language in a region ("en-GB": 28 November 2026, 14:44; "en-US": November 28, 2026,
 * 2:44 PM; "fr-CA"), else in the language's own way. Only a plain language-REGION tag is taken, so the
 * ways of writing dates stay few (each is built once and kept).
 */
export function dateLocale(locale: Locale, acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return locale;
  let best = locale as string;
  let bestQuality = 0;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...attributes] = part.trim().split(";");
    const match = /^([a-z]{2})-([a-z]{2})$/i.exec(tag.trim());
    if (!match || match[1]?.toLowerCase() !== locale) continue;
    const q = attributes.find((a) => a.trim().startsWith("q="));
    const quality = q ? Number.parseFloat(q.trim().slice(2)) || 0 : 1;
    const region = `${locale}-${match[2]?.toUpperCase()}`;
    if (quality > bestQuality && writesDates(region)) {
      best = region;
      bestQuality = quality;
    }
  }
  return best;
}

export interface Formatters {
  date(iso: string): string;
  dateTime(iso: string): string;
}

const formatterCache = new Map<string, Formatters>();

/**
 * Dates written as `dates` writes them (a language, or a language in a region: `dateLocale`), in a time
 * zone, through Intl (formatters are cached: they are costly to build).
 */
export function formatters(dates: string, timeZone: string): Formatters {
  const cacheKey = `${dates}|${timeZone}`;
  let cached = formatterCache.get(cacheKey);
  if (!cached) {
    const date = new Intl.DateTimeFormat(dates, { dateStyle: "long", timeZone });
    const dateTime = new Intl.DateTimeFormat(dates, { dateStyle: "medium", timeStyle: "short", timeZone });
    cached = { date: (iso) => date.format(new Date(iso)), dateTime: (iso) => dateTime.format(new Date(iso)) };
    formatterCache.set(cacheKey, cached);
  }
  return cached;
}

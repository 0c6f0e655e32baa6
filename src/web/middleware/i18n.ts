import type { Config } from "../../config.ts";
import { dateLocale, formatters, isLocale, negotiateLocale, translator } from "../../i18n/index.ts";
import { cookieNames } from "../cookies.ts";
import type { AppContext } from "../env.ts";
import { requestCookie, requestHeader } from "../request-headers.ts";

/**
 * Language: the account's setting, else the switch's cookie, else Accept-Language, else English; dates
 * in that language as the browser's region writes them (`dateLocale`), in the account's time zone.
 */
export function languageStep(config: Config) {
  const { lang } = cookieNames(config);
  const visitorLocale = (c: AppContext) => {
    const cookie = requestCookie(c, lang);
    return isLocale(cookie) ? cookie : negotiateLocale(requestHeader(c, "accept-language"));
  };
  return (c: AppContext): void => {
    const viewer = c.get("viewer");
    const locale = isLocale(viewer?.locale) ? viewer.locale : (visitorLocale(c) ?? "en");
    c.set("locale", locale);
    c.set("t", translator(locale));
    const dates = dateLocale(locale, requestHeader(c, "accept-language"));
    c.set("dates", dates);
    c.set("fmt", formatters(dates, viewer?.timeZone ?? "UTC"));
  };
}

import type { Config } from "../../config.ts";
import { formatters, isLocale, negotiateLocale, translator } from "../../i18n/index.ts";
import { cookieNames } from "../cookies.ts";
import type { AppContext } from "../env.ts";
import { requestCookie, requestHeader } from "../request-headers.ts";

/** Language: the account's setting, else the switch's cookie, else Accept-Language, else English. */
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
    c.set("fmt", formatters(locale, viewer?.timeZone ?? "UTC"));
  };
}

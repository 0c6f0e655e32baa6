import type { Context } from "hono";
import { deleteCookie } from "hono/cookie";
import type { Config } from "../config.ts";

/** Cookie names and attributes in one place: HttpOnly, SameSite=Lax, Secure behind https. */
export function cookieNames(config: Config) {
  // The __Host- prefix pins a cookie to this origin (no Domain, Path=/, Secure) where the browser allows it.
  const prefix = config.secureCookies ? "__Host-" : "";
  return { session: `${prefix}liens_session`, csrf: `${prefix}liens_csrf`, lang: "liens_lang" };
}

/** A Set-Cookie value for one of our cookies (for responses whose headers are written by hand). */
export function appCookie(config: Config, name: string, value: string, maxAgeSeconds: number): string {
  const secure = config.secureCookies ? "; Secure" : "";
  return `${name}=${encodeURIComponent(value)}; Max-Age=${Math.floor(maxAgeSeconds)}; Path=/; HttpOnly${secure}; SameSite=Lax`;
}

export function setAppCookie(
  c: Context,
  config: Config,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  c.header("Set-Cookie", appCookie(config, name, value, maxAgeSeconds), { append: true });
}

export function clearAppCookie(c: Context, config: Config, name: string): void {
  deleteCookie(c, name, { path: "/", secure: config.secureCookies });
}

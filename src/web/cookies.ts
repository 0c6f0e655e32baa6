import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Config } from "../config.ts";

/** Cookie names and attributes in one place: HttpOnly, SameSite=Lax, Secure behind https. */
export function cookieNames(config: Config) {
  // The __Host- prefix pins a cookie to this origin (no Domain, Path=/, Secure) where the browser allows it.
  const prefix = config.secureCookies ? "__Host-" : "";
  return { session: `${prefix}liens_session`, csrf: `${prefix}liens_csrf`, lang: "liens_lang" };
}

export function setAppCookie(
  c: Context,
  config: Config,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  setCookie(c, name, value, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: config.secureCookies,
    maxAge: maxAgeSeconds,
  });
}

export function clearAppCookie(c: Context, config: Config, name: string): void {
  deleteCookie(c, name, { path: "/", secure: config.secureCookies });
}

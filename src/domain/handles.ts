/** Handles: what a local account may be called. */
export const HANDLE_PATTERN = /^[a-z0-9_]{1,30}$/;

/** Names that would collide with routes, roles or impersonation. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "root",
  "system",
  "support",
  "help",
  "about",
  "api",
  "app",
  "auth",
  "login",
  "logout",
  "signin",
  "signout",
  "signup",
  "register",
  "settings",
  "static",
  "media",
  "public",
  "inbox",
  "outbox",
  "users",
  "user",
  "actor",
  "actors",
  "nodeinfo",
  "webfinger",
  "well_known",
  "liens",
  "moderator",
  "mod",
  "staff",
  "security",
  "abuse",
  "postmaster",
  "webmaster",
  "hostmaster",
  "info",
  "noreply",
  "no_reply",
  "null",
  "undefined",
  "anonymous",
  "everyone",
  "here",
  "all",
  "instance",
  "notifications",
  "messages",
  "events",
  "search",
  "network",
  "nurture",
  "home",
  "explore",
  "tags",
]);

export function normalizeHandle(input: string): string {
  return input.trim().replace(/^@/, "").toLowerCase();
}

export type HandleProblem = "error.handle.format" | "error.handle.reserved";

export function handleProblem(handle: string): HandleProblem | null {
  if (!HANDLE_PATTERN.test(handle)) return "error.handle.format";
  if (RESERVED_HANDLES.has(handle)) return "error.handle.reserved";
  return null;
}

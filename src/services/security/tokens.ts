import { createHash, randomBytes } from "node:crypto";

/** 256 bits, URL-safe: unguessable session, reset and invite tokens. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored hashed: a leaked database does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

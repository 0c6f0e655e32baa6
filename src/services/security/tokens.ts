import { createHash, randomFillSync } from "node:crypto";

/** Random bytes drawn from the OS 4 KiB at a time: a signed-out visitor's first page needs a token. */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

function randomBytes32(): Buffer {
  if (offset + 32 > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + 32));
  // Each byte is handed out once: the pool is zeroed behind the copy.
  pool.fill(0, offset, offset + 32);
  offset += 32;
  return bytes;
}

/** 256 bits, URL-safe: unguessable session, reset and invite tokens. */
export function newToken(): string {
  return randomBytes32().toString("base64url");
}

/** Tokens are stored hashed: a leaked database does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

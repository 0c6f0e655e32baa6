import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** scrypt with its parameters stored beside the hash, so the cost can rise without breaking old hashes. */
export async function hashPassword(password: string, log2N: number): Promise<string> {
  const salt = randomBytes(16);
  const options = { N: 2 ** log2N, r: 8, p: 1, maxmem: 256 * 2 ** log2N * 8 };
  const key = await derive(password, salt, options);
  return `scrypt$${log2N}$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, expected] = stored.split("$");
  if (scheme !== "scrypt" || !log2N || !r || !p || !salt || !expected) return false;
  const N = 2 ** Number(log2N);
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  const want = Buffer.from(expected, "base64url");
  return want.length === key.length && timingSafeEqual(want, key);
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * A hash at the current cost to check against when the account does not exist, so the time a failed
 * sign-in takes does not reveal which handles exist.
 */
export function dummyHash(log2N: number): Promise<string> {
  let hash = dummyHashes.get(log2N);
  if (!hash) {
    hash = hashPassword("not a password of anyone", log2N);
    dummyHashes.set(log2N, hash);
  }
  return hash;
}

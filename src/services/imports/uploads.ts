/**
 * Where an import's uploaded files wait until it is committed or dropped: each file under
 * `imports/<owner>/<import>/<n>`, listed by a manifest whose key the import row keeps.
 */
import type { Storage } from "../storage.ts";

export interface StoredUpload {
  name: string;
  data: Uint8Array;
}

interface Manifest {
  files: { key: string; name: string }[];
}

export async function storeUploads(
  storage: Storage,
  ownerId: string,
  importId: string,
  files: StoredUpload[],
): Promise<string> {
  const base = `imports/${ownerId}/${importId}`;
  const manifest: Manifest = { files: [] };
  try {
    for (const [i, f] of files.entries()) {
      const key = `${base}/${i}`;
      await storage.put(key, f.data);
      manifest.files.push({ key, name: f.name });
    }
    const key = `${base}/manifest.json`;
    await storage.put(key, new TextEncoder().encode(JSON.stringify(manifest)));
    return key;
  } catch (error) {
    for (const f of manifest.files) await storage.delete(f.key);
    throw error;
  }
}

async function readManifest(storage: Storage, key: string): Promise<Manifest | null> {
  const bytes = await storage.get(key);
  if (!bytes) return null;
  return JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
}

/** The uploaded files, or null when they are gone. */
export async function loadUploads(storage: Storage, key: string): Promise<StoredUpload[] | null> {
  const manifest = await readManifest(storage, key);
  if (!manifest) return null;
  const out: StoredUpload[] = [];
  for (const f of manifest.files) {
    const data = await storage.get(f.key);
    if (!data) return null;
    out.push({ name: f.name, data });
  }
  return out;
}

export async function deleteUploads(storage: Storage, key: string | null): Promise<void> {
  if (!key) return;
  const manifest = await readManifest(storage, key).catch(() => null);
  for (const f of manifest?.files ?? []) await storage.delete(f.key);
  await storage.delete(key);
}

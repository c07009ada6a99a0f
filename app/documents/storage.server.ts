import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Document bytes on disk under DATA_DIR/documents, encrypted with AES-256-GCM under a key
 * derived from the app secret. The database keeps the metadata, the SHA-256 of the plain
 * bytes and the storage key. Nothing is written until the bytes have been checked.
 */
export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ storageKey: string; sha256: string; byteSize: number }>;
  get(storageKey: string): Promise<Buffer>;
  /**
   * Deletes the file for good, with no trash: for undoing a put whose record never
   * committed, and for erasure, which must not keep a copy. Files nothing refers to any more
   * go through the orphan sweep instead, which keeps them recoverable for a while.
   */
  remove(storageKey: string): Promise<void>;
}

export const STORAGE_KEY = /^[0-9a-f-]{36}$/;

/** The store's folder: shards of files, and (starting with a dot) its marker and trash. */
export function documentsDir(dataDir: string): string {
  return path.join(dataDir, "documents");
}

/** Where a stored file lives: DATA_DIR/documents/<first two characters>/<storage key>. */
export function storedFilePath(dataDir: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("bad storage key");
  return path.join(documentsDir(dataDir), storageKey.slice(0, 2), storageKey);
}

/** Every file in a store's folder, with when it was last written: for the orphan sweep. */
export async function listStoredFiles(
  dataDir: string,
): Promise<{ storageKey: string; modifiedAt: Date }[]> {
  const root = documentsDir(dataDir);
  const found: { storageKey: string; modifiedAt: Date }[] = [];
  let shards: string[];
  try {
    shards = await fs.readdir(root);
  } catch {
    return found;
  }
  // The marker and the trash start with a dot: never a shard, so never swept.
  for (const shard of shards.filter((s) => /^[0-9a-f-]{2}$/.test(s))) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, shard));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!STORAGE_KEY.test(name)) continue;
      const stat = await fs.stat(path.join(root, shard, name)).catch(() => null);
      if (stat?.isFile()) found.push({ storageKey: name, modifiedAt: stat.mtime });
    }
  }
  return found;
}

/** The documents' AES-256 key, derived from the app secret. */
/** Deletes a stored file for good (erasure); no error if it is already gone. */
export async function removeStoredFile(dataDir: string, storageKey: string): Promise<void> {
  await fs.rm(storedFilePath(dataDir, storageKey), { force: true });
}

export function documentKey(secret: string): Buffer {
  return createHash("sha256").update(`clearname:documents:${secret}`).digest();
}

/** A stored file's bytes. Format: "CND1" | iv (12) | tag (16) | ciphertext. */
export function sealDocument(key: Buffer, bytes: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([Buffer.from("CND1"), iv, cipher.getAuthTag(), body]);
}

/** The plain bytes of a stored file; throws if the key is not the one it was sealed with. */
export function openDocument(key: Buffer, data: Buffer): Buffer {
  if (data.subarray(0, 4).toString() !== "CND1") throw new Error("not a Clearname document");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(4, 16));
  decipher.setAuthTag(data.subarray(16, 32));
  return Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]);
}

export function createDocumentStore(dataDir: string, secret: string): DocumentStore {
  const key = documentKey(secret);
  const fileOf = (storageKey: string) => storedFilePath(dataDir, storageKey);
  return {
    async put(bytes) {
      const storageKey = randomUUID();
      const file = fileOf(storageKey);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, sealDocument(key, bytes), { mode: 0o600 });
      return {
        storageKey,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        byteSize: bytes.byteLength,
      };
    },
    async get(storageKey) {
      return openDocument(key, await fs.readFile(fileOf(storageKey)));
    },
    remove: (storageKey) => removeStoredFile(dataDir, storageKey),
  };
}

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
  remove(storageKey: string): Promise<void>;
}

/** Every file in a store's folder, with when it was last written: for the orphan sweep. */
export async function listStoredFiles(
  dataDir: string,
): Promise<{ storageKey: string; modifiedAt: Date }[]> {
  const root = path.join(dataDir, "documents");
  const found: { storageKey: string; modifiedAt: Date }[] = [];
  let shards: string[];
  try {
    shards = await fs.readdir(root);
  } catch {
    return found;
  }
  for (const shard of shards) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, shard));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/^[0-9a-f-]{36}$/.test(name)) continue;
      const stat = await fs.stat(path.join(root, shard, name)).catch(() => null);
      if (stat?.isFile()) found.push({ storageKey: name, modifiedAt: stat.mtime });
    }
  }
  return found;
}

function keyFor(secret: string): Buffer {
  return createHash("sha256").update(`clearname:documents:${secret}`).digest();
}

export function createDocumentStore(dataDir: string, secret: string): DocumentStore {
  const root = path.join(dataDir, "documents");
  const key = keyFor(secret);
  const fileOf = (storageKey: string) => {
    if (!/^[0-9a-f-]{36}$/.test(storageKey)) throw new Error("bad storage key");
    return path.join(root, storageKey.slice(0, 2), storageKey);
  };
  return {
    async put(bytes) {
      const storageKey = randomUUID();
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      const file = fileOf(storageKey);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Format: "CND1" | iv (12) | tag (16) | ciphertext.
      await fs.writeFile(
        file,
        Buffer.concat([Buffer.from("CND1"), iv, cipher.getAuthTag(), body]),
        { mode: 0o600 },
      );
      return {
        storageKey,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        byteSize: bytes.byteLength,
      };
    },
    async get(storageKey) {
      const data = await fs.readFile(fileOf(storageKey));
      if (data.subarray(0, 4).toString() !== "CND1") throw new Error("not a Clearname document");
      const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(4, 16));
      decipher.setAuthTag(data.subarray(16, 32));
      return Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]);
    },
    async remove(storageKey) {
      await fs.rm(fileOf(storageKey), { force: true });
    },
  };
}

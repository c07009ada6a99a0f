import type { RouterContextProvider } from "react-router";
import { servicesContext } from "~/context.server";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";

/** The encrypted document store under DATA_DIR, keyed by the app secret. */
export function documentStoreFor(context: Readonly<RouterContextProvider>): DocumentStore {
  const { config, secret } = context.get(servicesContext);
  return createDocumentStore(config.dataDir, secret);
}

/**
 * Runs work that files letters. If it fails, including its transaction's commit, the files
 * it put in the store are removed again, so a rolled-back letter leaves nothing on disk.
 * Wrap the whole `asViewer(…)` call, not the work inside it.
 */
export async function withLetterStore<T>(
  context: Readonly<RouterContextProvider>,
  fn: (store: DocumentStore) => Promise<T>,
): Promise<T> {
  const base = documentStoreFor(context);
  const put: string[] = [];
  const store: DocumentStore = {
    get: (key) => base.get(key),
    remove: (key) => base.remove(key),
    async put(bytes) {
      const stored = await base.put(bytes);
      put.push(stored.storageKey);
      return stored;
    },
  };
  try {
    return await fn(store);
  } catch (error) {
    await Promise.all(put.map((key) => base.remove(key)));
    throw error;
  }
}

/** A download's headers: the file is personal data, so no cache keeps it. */
export function fileResponse(
  bytes: Uint8Array,
  file: { filename: string; mediaType: string },
  disposition: "attachment" | "inline" = "attachment",
): Response {
  const ascii = file.filename.replace(/[^\w.-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

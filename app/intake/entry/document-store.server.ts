import type { RouterContextProvider } from "react-router";
import { servicesContext } from "~/context.server";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";

/** The encrypted document store under DATA_DIR, keyed by the app secret. */
export function documentStoreOf(context: Readonly<RouterContextProvider>): DocumentStore {
  const { config, secret } = context.get(servicesContext);
  return createDocumentStore(config.dataDir, secret);
}

/**
 * Runs work that may put documents in the store. If the work fails — including its
 * transaction's commit — every file it put is removed again, so a refused or failed upload
 * leaves nothing on disk.
 */
export async function withDocumentStore<T>(
  base: DocumentStore,
  fn: (store: DocumentStore) => Promise<T>,
): Promise<T> {
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

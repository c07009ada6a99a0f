import type { Db } from "~/db/database.server";
import { referencedStorageKeys } from "~/documents/references.server";
import type { DocumentStore } from "~/documents/storage.server";

/**
 * Destroys, for good and with no trash, the files of erased rows once the erasure has
 * committed, except a file another row still refers to. A file left by a crash between the
 * commit and here has no row left: the orphan sweep takes it (docs/decisions/020).
 */
export async function destroyErasedFiles(
  db: Db,
  store: Pick<DocumentStore, "remove">,
  storageKeys: readonly string[],
): Promise<number> {
  if (storageKeys.length === 0) return 0;
  const stillReferenced = await referencedStorageKeys(db);
  let destroyed = 0;
  for (const key of new Set(storageKeys)) {
    if (stillReferenced.has(key)) continue;
    await store.remove(key);
    destroyed += 1;
  }
  return destroyed;
}

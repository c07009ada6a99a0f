import fs from "node:fs/promises";
import path from "node:path";
import { documentsDir, STORAGE_KEY, storedFilePath } from "./storage.server";

/**
 * Files the orphan sweep takes out of the store wait here, one folder per day, before they
 * are deleted: DATA_DIR/documents/.trash/<YYYY-MM-DD>/<storage key>. To bring one back, move
 * it to DATA_DIR/documents/<first two characters of its key>/<key>.
 */
export function trashDir(dataDir: string): string {
  return path.join(documentsDir(dataDir), ".trash");
}

export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export function trashedFilePath(dataDir: string, day: string, storageKey: string): string {
  return path.join(trashDir(dataDir), day, storageKey);
}

/**
 * Moves a stored file into the day's trash folder. A rename within one folder tree: the file
 * is either still in the store or in the trash, never half-way. Returns false if it was no
 * longer there (another sweep, running at the same time, moved it first).
 */
export async function moveToTrash(dataDir: string, storageKey: string, day: string) {
  const to = trashedFilePath(dataDir, day, storageKey);
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.rename(storedFilePath(dataDir, storageKey), to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** The trash's day folders, each with the storage keys in it. */
export async function listTrash(dataDir: string): Promise<{ day: string; keys: string[] }[]> {
  let days: string[];
  try {
    days = await fs.readdir(trashDir(dataDir));
  } catch {
    return [];
  }
  const found: { day: string; keys: string[] }[] = [];
  for (const day of days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()) {
    const names = await fs.readdir(path.join(trashDir(dataDir), day)).catch(() => []);
    found.push({ day, keys: names.filter((n) => STORAGE_KEY.test(n)) });
  }
  return found;
}

/** Deletes a day's trash folder and everything in it; what a killed run left is finished. */
export async function purgeTrashDay(dataDir: string, day: string): Promise<void> {
  await fs.rm(path.join(trashDir(dataDir), day), { recursive: true, force: true });
}

import fs from "node:fs/promises";
import path from "node:path";
import {
  documentKey,
  listStoredFiles,
  openDocument,
  sealDocument,
  storedFilePath,
} from "./storage.server";
import { listTrash, trashedFilePath } from "./trash.server";

export interface RekeyOutcome {
  rekeyed: number;
  /** Already under the new secret: a rotation interrupted earlier and run again. */
  already: number;
  /** Files neither secret opens: left as they are, named for the operator. */
  unreadable: string[];
}

/**
 * Re-encrypts every stored file (and every file waiting in the trash) from the old secret to
 * the new. Each file is written beside itself and renamed over it, so a file is always whole
 * under one secret or the other; a run that was interrupted is finished by running it again.
 */
export async function rekeyDocuments(
  dataDir: string,
  oldSecret: string,
  newSecret: string,
): Promise<RekeyOutcome> {
  const oldKey = documentKey(oldSecret);
  const newKey = documentKey(newSecret);
  const files = (await listStoredFiles(dataDir)).map((f) => storedFilePath(dataDir, f.storageKey));
  for (const day of await listTrash(dataDir))
    for (const key of day.keys) files.push(trashedFilePath(dataDir, day.day, key));
  const outcome: RekeyOutcome = { rekeyed: 0, already: 0, unreadable: [] };
  for (const file of files) {
    const sealed = await fs.readFile(file);
    try {
      openDocument(newKey, sealed);
      outcome.already++;
      continue;
    } catch {
      // not yet under the new secret
    }
    let plain: Buffer;
    try {
      plain = openDocument(oldKey, sealed);
    } catch {
      outcome.unreadable.push(path.basename(file));
      continue;
    }
    const temporary = `${file}.rekey`;
    await fs.writeFile(temporary, sealDocument(newKey, plain), { mode: 0o600 });
    await fs.rename(temporary, file);
    outcome.rekeyed++;
  }
  return outcome;
}

import { pino } from "pino";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Db } from "~/db/database.server";
import {
  type FolderLog,
  foreignMarker,
  installationIdOf,
  readFolderMarker,
} from "~/documents/folder-identity.server";
import { referencedStorageKeys } from "~/documents/references.server";
import { listStoredFiles } from "~/documents/storage.server";
import {
  dayOf,
  listTrash,
  moveToTrash,
  purgeTrashDay,
  trashedFilePath,
} from "~/documents/trash.server";

/**
 * The orphan sweep: files left in the document folder by a process that died between writing
 * a file and committing its record go to the trash, and the trash is emptied after a grace
 * period. It removes nothing it cannot prove is an orphan of this database; its rules are in
 * docs/decisions/014-orphan-sweep-safety.md.
 */

/** A file younger than this may belong to an upload whose transaction has not committed yet. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/** How long swept files stay in the trash, unless DOCUMENT_TRASH_DAYS says otherwise. */
export const DEFAULT_TRASH_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const SYSTEM = { userId: null, ip: null, requestId: null };

/** What the sweep says: warnings when it refuses, and each file before it is moved. */
export type SweepLog = FolderLog;

let defaultLog: SweepLog | undefined;
const fallbackLog = () => {
  defaultLog ??= pino({ base: { service: "clearname" } });
  return defaultLog;
};

export interface SweepOptions {
  now?: Date;
  trashDays?: number;
  log?: SweepLog;
}

/**
 * Why the folder may not be swept by this database, or null if it may: the marker must name
 * this database, and the references must be readable and not all missing (a database that
 * refers to no file while the folder holds some looks new, whatever its marker says).
 */
async function refusal(
  db: Db,
  dataDir: string,
  fileCount: number,
): Promise<{ reason: string } | { references: Set<string> }> {
  const marker = await readFolderMarker(dataDir);
  if (marker.kind === "missing")
    return {
      reason:
        "the document folder has no marker naming its database (one is written at start-up into an empty folder, or for an existing folder when the database refers to its files)",
    };
  if (marker.kind === "unreadable") return { reason: marker.reason };
  let installationId: string;
  let references: Set<string>;
  try {
    installationId = await installationIdOf(db);
    references = await referencedStorageKeys(db);
  } catch (error) {
    return { reason: `the database's references to files could not be read: ${error}` };
  }
  if (marker.installationId !== installationId)
    return { reason: foreignMarker(marker.installationId, installationId) };
  if (references.size === 0 && fileCount > 0)
    return {
      reason: `this database refers to no file while the folder holds ${fileCount}: it looks new or empty`,
    };
  return { references };
}

/**
 * Moves to the trash every file that no table refers to and that is older than
 * ORPHAN_MIN_AGE_MS, then empties trash days older than the grace period. Returns how many
 * files it moved. When it refuses, it logs why and touches nothing, trash included. Each
 * step is whole (an audit event before, a rename per file, a folder per purged day), so a
 * run killed part-way is finished by the next one.
 */
export async function sweepOrphanFiles(
  db: Db,
  dataDir: string,
  options: SweepOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const log = options.log ?? fallbackLog();
  const files = await listStoredFiles(dataDir);
  const trash = await listTrash(dataDir);
  if (files.length === 0 && trash.length === 0) return 0;
  const verdict = await refusal(db, dataDir, files.length);
  if ("reason" in verdict) {
    log.warn(
      { dataDir, files: files.length, reason: verdict.reason },
      "orphan sweep refused: no document file was moved or deleted",
    );
    return 0;
  }
  const orphans = files.filter(
    (f) =>
      now.getTime() - f.modifiedAt.getTime() > ORPHAN_MIN_AGE_MS &&
      !verdict.references.has(f.storageKey),
  );
  const day = dayOf(now);
  if (orphans.length > 0)
    await recordAuditEvent(db, SYSTEM, {
      action: "document.orphan_sweep",
      entityType: "document",
      details: { count: orphans.length, day, storageKeys: orphans.map((f) => f.storageKey) },
    });
  let moved = 0;
  for (const f of orphans) {
    log.info(
      {
        storageKey: f.storageKey,
        modifiedAt: f.modifiedAt.toISOString(),
        to: trashedFilePath(dataDir, day, f.storageKey),
      },
      "moving an orphaned document file to the trash",
    );
    if (await moveToTrash(dataDir, f.storageKey, day)) moved++;
  }
  await purgeTrash(db, dataDir, trash, now, options.trashDays ?? DEFAULT_TRASH_DAYS, log);
  return moved;
}

async function purgeTrash(
  db: Db,
  dataDir: string,
  trash: { day: string; keys: string[] }[],
  now: Date,
  trashDays: number,
  log: SweepLog,
): Promise<void> {
  // A day's folder is emptied once its last possible file (moved just before midnight) has
  // had the whole grace period.
  const expired = trash.filter(
    (t) =>
      now.getTime() - (new Date(`${t.day}T00:00:00Z`).getTime() + DAY_MS) >= trashDays * DAY_MS,
  );
  for (const t of expired) {
    log.info({ day: t.day, storageKeys: t.keys, trashDays }, "deleting a day of document trash");
    await recordAuditEvent(db, SYSTEM, {
      action: "document.trash_purged",
      entityType: "document",
      details: { day: t.day, count: t.keys.length, storageKeys: t.keys, trashDays },
    });
    await purgeTrashDay(dataDir, t.day);
  }
}

import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import { isId } from "~/shared/ids";
import { referencedStorageKeys } from "./references.server";
import { documentsDir, listStoredFiles } from "./storage.server";

/**
 * The document folder names the database it belongs to, in a marker file holding that
 * database's installation id (the `installation` table). Files are only ever swept by the
 * database the marker names. Why: docs/decisions/014-orphan-sweep-safety.md.
 */
export const MARKER_FILE = ".clearname-installation";

export function markerPath(dataDir: string): string {
  return path.join(documentsDir(dataDir), MARKER_FILE);
}

export type FolderMarker =
  | { kind: "missing" }
  | { kind: "marked"; installationId: string }
  | { kind: "unreadable"; reason: string };

export async function readFolderMarker(dataDir: string): Promise<FolderMarker> {
  let text: string;
  try {
    text = await fs.readFile(markerPath(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "unreadable", reason: String(error) };
  }
  const id = text.trim();
  return isId(id)
    ? { kind: "marked", installationId: id.toLowerCase() }
    : { kind: "unreadable", reason: `${MARKER_FILE} does not hold an installation id` };
}

/** Written to a temporary name and renamed: a marker is whole or absent, never half-written. */
async function writeFolderMarker(dataDir: string, installationId: string): Promise<void> {
  await fs.mkdir(documentsDir(dataDir), { recursive: true });
  const temporary = `${markerPath(dataDir)}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${installationId}\n`, { mode: 0o600 });
  await fs.rename(temporary, markerPath(dataDir));
}

/** This database's identity, made by the migration that created the `installation` table. */
export async function installationIdOf(db: Queryable): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id::text as id from installation`);
  if (!row) throw new Error("the database has no installation id");
  return row.id.toLowerCase();
}

/** Where the folder's checks say what they found: pino's logger, or a test's record. */
export interface FolderLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export type FolderClaim =
  /** Marked with this database's id already. */
  | { status: "ours"; installationId: string }
  /** Empty or new: marked now with this database's id. */
  | { status: "claimed"; installationId: string }
  /** Unmarked, with files this database refers to: marked now. */
  | { status: "adopted"; installationId: string; files: number; referenced: number }
  /** Not this database's folder, or it cannot tell: left alone, and the sweep will not run. */
  | { status: "refused"; reason: string };

/**
 * Run at start-up, before anything is written to the folder: an empty or missing folder is
 * marked as this database's; an unmarked folder that has files (from before markers) is
 * adopted only if this database already refers to at least one of them. Anything else is
 * refused and explained (the orphan sweep will not run); the folder is never changed then.
 * Never throws.
 */
export async function claimDocumentFolder(
  db: Queryable,
  dataDir: string,
  log?: FolderLog,
): Promise<FolderClaim> {
  const result = await claimFolder(db, dataDir);
  if (result.status === "refused")
    log?.warn(
      { dataDir, reason: result.reason },
      "the document folder is not this database's: the orphan sweep will not run until it is",
    );
  else if (result.status !== "ours")
    log?.info({ dataDir, ...result }, `document folder ${result.status}`);
  return result;
}

async function claimFolder(db: Queryable, dataDir: string): Promise<FolderClaim> {
  try {
    const installationId = await installationIdOf(db);
    const marker = await readFolderMarker(dataDir);
    if (marker.kind === "unreadable") return { status: "refused", reason: marker.reason };
    if (marker.kind === "marked")
      return marker.installationId === installationId
        ? { status: "ours", installationId }
        : { status: "refused", reason: foreignMarker(marker.installationId, installationId) };
    const files = await listStoredFiles(dataDir);
    if (files.length === 0) {
      await writeFolderMarker(dataDir, installationId);
      return { status: "claimed", installationId };
    }
    const references = await referencedStorageKeys(db);
    const referenced = files.filter((f) => references.has(f.storageKey)).length;
    if (referenced === 0)
      return {
        status: "refused",
        reason: `the folder has no ${MARKER_FILE} and this database refers to none of its ${files.length} files: it looks like another database's folder`,
      };
    await writeFolderMarker(dataDir, installationId);
    return { status: "adopted", installationId, files: files.length, referenced };
  } catch (error) {
    return { status: "refused", reason: `the folder or the database could not be read: ${error}` };
  }
}

export function foreignMarker(markerId: string, installationId: string): string {
  return `the folder belongs to database ${markerId} (${MARKER_FILE}), but DATABASE_URL or DATA_DIR opens database ${installationId}`;
}

import { desc, eq, inArray } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { importRuns } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { detectImportFormat, type ImportFormat } from "./detect-format.server";
import { type ColumnMapping, guessMapping, mappingProblems, toMapping } from "./fields";
import { ImportFileError, readHeader, readSheet, type SheetRow } from "./read-rows.server";

export type ImportRun = typeof importRuns.$inferSelect;
export type ImportMode = NonNullable<ImportRun["mode"]>;

/** How many row problems a run keeps for its page; the CSV download has them all. */
export const KEPT_ERRORS = 1_000;

function mustImport(acting: Acting) {
  if (!can(acting.viewer, "import:application:any"))
    throw forbidden("Only intake staff can import applications.");
}

/** An uploaded spreadsheet that may be kept: what it is and its header row. */
export interface ReadImportFile {
  format: ImportFormat;
  header: string[];
}

/**
 * Whether an uploaded spreadsheet may be kept, from its bytes alone: a CSV file in UTF-8 or an
 * Excel workbook (whose ZIP directory promises no bomb) with a header row, read in a worker
 * thread. No database: call it before the transaction that keeps the file, since on the
 * embedded database a transaction holds the only connection while the file is read.
 */
export async function readImportFile(file: {
  filename: string;
  bytes: Buffer;
}): Promise<{ ok: true; read: ReadImportFile } | { ok: false; message: string }> {
  const detected = await detectImportFormat(file.bytes, file.filename);
  if (!detected.ok) return detected;
  try {
    const row = await readHeader(file.bytes, detected.format);
    if (!row) return { ok: false, message: `“${file.filename}” has no rows.` };
    return { ok: true, read: { format: detected.format, header: row.cells } };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Keeps an uploaded spreadsheet, encrypted, as a new import run, once `readImportFile` has
 * accepted it (it is read here when `read` is not given). The header guesses the mapping.
 */
export async function createImportRun(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  file: { filename: string; bytes: Buffer },
  read?: ReadImportFile,
): Promise<ImportRun> {
  mustImport(acting);
  let accepted = read;
  if (!accepted) {
    const checked = await readImportFile(file);
    if (!checked.ok) throw invalid(checked.message, { field: "file" });
    accepted = checked.read;
  }
  const { format, header } = accepted;
  const stored = await store.put(file.bytes);
  try {
    const [run] = await tx
      .insert(importRuns)
      .values({
        filename: file.filename.slice(0, 200),
        fileSha256: stored.sha256,
        format,
        storageKey: stored.storageKey,
        mapping: guessMapping(header),
        status: "uploaded",
        createdBy: acting.viewer.id,
      })
      .returning();
    if (!run) throw new Error("no import run");
    await recordAuditEvent(tx, actorOf(acting), {
      action: "import.uploaded",
      entityType: "import_run",
      entityId: run.id,
      details: {
        filename: run.filename,
        format: run.format,
        sha256: stored.sha256,
        bytes: stored.byteSize,
      },
    });
    return run;
  } catch (error) {
    await store.remove(stored.storageKey);
    throw error;
  }
}

export async function getImportRun(tx: Queryable, acting: Acting, id: string): Promise<ImportRun> {
  mustImport(acting);
  if (!isId(id)) throw notFound("import");
  const [run] = await tx.select().from(importRuns).where(eq(importRuns.id, id));
  if (!run) throw notFound("import");
  return run;
}

export async function listImportRuns(tx: Queryable, acting: Acting, limit = 100) {
  mustImport(acting);
  return tx
    .select({
      id: importRuns.id,
      filename: importRuns.filename,
      format: importRuns.format,
      status: importRuns.status,
      mode: importRuns.mode,
      totalRows: importRuns.totalRows,
      invalidRows: importRuns.invalidRows,
      importedRows: importRuns.importedRows,
      skippedRows: importRuns.skippedRows,
      createdAt: importRuns.createdAt,
      finishedAt: importRuns.finishedAt,
    })
    .from(importRuns)
    .orderBy(desc(importRuns.createdAt))
    .limit(limit);
}

/** Data rows the mapping page looks through for an example of each column. */
const EXAMPLE_ROWS = 20;

/** The file's header row and an example of each column (its first value), for the mapping. */
export async function readRunPreview(
  store: DocumentStore,
  run: ImportRun,
): Promise<{ headers: string[]; example: string[] }> {
  let headers: string[] | null = null;
  const example: string[] = [];
  let seen = 0;
  let rows: SheetRow[];
  try {
    rows = await readSheet(await store.get(run.storageKey), run.format, {
      limit: EXAMPLE_ROWS + 1,
    });
  } catch (error) {
    if (error instanceof ImportFileError) throw invalid(error.message);
    throw error;
  }
  for (const row of rows) {
    if (!headers) {
      headers = row.cells;
      continue;
    }
    row.cells.forEach((cell, i) => {
      if (!example[i] && cell.trim()) example[i] = cell.trim();
    });
    if (++seen === EXAMPLE_ROWS) break;
  }
  return { headers: headers ?? [], example: Array.from(headers ?? [], (_, i) => example[i] ?? "") };
}

/**
 * Saves the user's choice of field for each column. The mapping must name the required
 * fields and use no field twice; a new mapping needs a new check before anything is imported.
 */
export async function saveMapping(
  tx: Queryable,
  acting: Acting,
  run: ImportRun,
  headers: string[],
  columnFields: string[],
): Promise<ColumnMapping> {
  mustImport(acting);
  if (run.status === "importing" || run.status === "done")
    throw conflict("This import has already run: upload the file again to import it again.");
  const problems = mappingProblems(columnFields, headers);
  if (problems.length > 0) throw invalid(problems.map((p) => p.message).join("\n"), { problems });
  const mapping = toMapping(columnFields);
  await tx
    .update(importRuns)
    .set({
      mapping,
      status: "uploaded",
      mode: null,
      totalRows: 0,
      invalidRows: 0,
      importedRows: 0,
      skippedRows: 0,
      errors: [],
      failure: null,
    })
    .where(eq(importRuns.id, run.id));
  return mapping;
}

/**
 * An import left "importing" by a process that stopped (the import runs inside the process
 * that started it) is marked failed. Safe to import again: rows already in are skipped by key.
 */
export async function failInterruptedImports(
  tx: Queryable,
  runningHere: readonly string[],
): Promise<number> {
  const stuck = await tx
    .select({ id: importRuns.id, mode: importRuns.mode })
    .from(importRuns)
    .where(eq(importRuns.status, "importing"));
  const left = stuck.filter((r) => !runningHere.includes(r.id));
  for (const mode of ["all_or_nothing", "valid_only"] as const) {
    const ids = left.filter((r) => r.mode === mode).map((r) => r.id);
    if (ids.length === 0) continue;
    await tx
      .update(importRuns)
      .set({
        status: "failed",
        failure:
          mode === "all_or_nothing"
            ? "The server stopped during this import, so nothing was imported. Import again."
            : "The server stopped during this import. The batches it finished stay imported; import again to add the rest (rows already in are skipped).",
        finishedAt: new Date(),
      })
      .where(inArray(importRuns.id, ids));
  }
  return left.length;
}

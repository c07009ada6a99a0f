import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asUser, type Db } from "~/db/database.server";
import { importRuns } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict } from "~/errors/app-error";
import { today } from "~/shared/dates";
import {
  BATCH_SIZE,
  checkFile,
  inBatches,
  keysAlreadyImported,
  type RowCounts,
  readAhead,
} from "./check-file.server";
import { loadEstablishmentLookup } from "./establishment-lookup.server";
import { ImportFileError, readSheet, type SheetRow } from "./read-rows.server";
import { getImportRun, type ImportRun, KEPT_ERRORS } from "./runs.server";

/** Rows done so far, for the progress shown while a run works. */
export type OnProgress = (rowsDone: number) => void;

/**
 * The run, its file's rows and what checking a row needs, read as the acting user. The rows
 * are parsed in a worker thread, outside any transaction (on the embedded database a
 * transaction holds the only connection). `rows` is an `ImportFileError` when the file cannot
 * be read within the limits: `checkFile` throws it, and the caller records it as the run's failure.
 */
export async function openRun(db: Db, acting: Acting, store: DocumentStore, runId: string) {
  const { run, establishments } = await asUser(db, acting.viewer.id, async (tx) => ({
    run: await getImportRun(tx, acting, runId),
    establishments: await loadEstablishmentLookup(tx),
  }));
  let rows: SheetRow[] | ImportFileError;
  try {
    rows = await readSheet(await store.get(run.storageKey), run.format);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    rows = error;
  }
  return { run, rows, ctx: { establishments, today: today() } };
}

/**
 * The dry run: reads the whole file, checks every row as the import would, and records how
 * many rows would be imported, are already in (skipped) or have problems, with the first
 * problems (line and reason) for the page. Nothing but the run's report is written.
 */
export async function checkImportRun(
  db: Db,
  acting: Acting,
  store: DocumentStore,
  runId: string,
  onProgress: OnProgress = () => undefined,
): Promise<ImportRun> {
  const { run, rows, ctx } = await openRun(db, acting, store, runId);
  if (run.status === "importing" || run.status === "done")
    throw conflict("This import has already run.");
  const counts: RowCounts = { total: 0, invalid: 0, imported: 0, skipped: 0 };
  const errors: { line: number; message: string }[] = [];
  let failure: string | null = null;
  try {
    const batches = inBatches(checkFile(rows, run.mapping, ctx), BATCH_SIZE);
    for await (const batch of readAhead(batches)) {
      const keys = batch.flatMap((o) => (o.kind === "valid" ? [o.row.key] : []));
      const existing = await asUser(db, acting.viewer.id, (tx) => keysAlreadyImported(tx, keys));
      for (const outcome of batch) {
        counts.total++;
        if (outcome.kind === "invalid") {
          counts.invalid++;
          if (errors.length < KEPT_ERRORS)
            errors.push({ line: outcome.line, message: outcome.message });
        } else if (outcome.kind === "repeat" || existing.has(outcome.row.key)) counts.skipped++;
      }
      onProgress(counts.total);
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    failure = error.message;
  }
  return asUser(db, acting.viewer.id, async (tx) => {
    const [saved] = await tx
      .update(importRuns)
      .set({
        status: failure ? "failed" : "validated",
        totalRows: counts.total,
        invalidRows: counts.invalid,
        importedRows: 0,
        skippedRows: counts.skipped,
        errors,
        failure,
      })
      .where(eq(importRuns.id, run.id))
      .returning();
    if (!saved) throw new Error("import run vanished");
    return saved;
  });
}

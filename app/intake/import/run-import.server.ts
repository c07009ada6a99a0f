import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { asUser, type Db, type Queryable } from "~/db/database.server";
import { importRuns } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict } from "~/errors/app-error";
import { networkId } from "../record-application.server";
import { acknowledgementTargetDays } from "../settings.server";
import { BATCH_SIZE, checkFile, inBatches, type RowCounts, readAhead } from "./check-file.server";
import { type OnProgress, openRun } from "./check-import.server";
import { type BatchContext, insertBatch } from "./insert-batch.server";
import { ImportFileError } from "./read-rows.server";
import { getImportRun, type ImportMode, type ImportRun } from "./runs.server";

/** An all-or-nothing import met a row with a problem: everything is rolled back. */
class NothingImported extends Error {}

/**
 * Marks a checked run as importing in the chosen mode (the work itself is `runImport`).
 * A run can be imported once it has been checked, and again if an import of it failed.
 */
export async function startImport(
  tx: Queryable,
  acting: Acting,
  runId: string,
  mode: ImportMode,
): Promise<ImportRun> {
  const run = await getImportRun(tx, acting, runId);
  const ready = run.status === "validated" || (run.status === "failed" && run.mode !== null);
  if (!ready)
    throw conflict(
      run.status === "importing" || run.status === "done"
        ? "This file has already been imported."
        : "Check the file before importing it.",
    );
  const [saved] = await tx
    .update(importRuns)
    .set({ status: "importing", mode, importedRows: 0, failure: null, finishedAt: null })
    .where(eq(importRuns.id, run.id))
    .returning();
  return saved ?? run;
}

async function finish(
  tx: Queryable,
  acting: Acting,
  run: ImportRun,
  counts: RowCounts,
  failure: string | null,
): Promise<ImportRun> {
  const [saved] = await tx
    .update(importRuns)
    .set({
      status: failure ? "failed" : "done",
      totalRows: counts.total,
      invalidRows: counts.invalid,
      importedRows: counts.imported,
      skippedRows: counts.skipped,
      failure,
      finishedAt: new Date(),
    })
    .where(eq(importRuns.id, run.id))
    .returning();
  await recordAuditEvent(tx, actorOf(acting), {
    action: "import.run",
    entityType: "import_run",
    entityId: run.id,
    details: {
      filename: run.filename,
      sha256: run.fileSha256,
      mode: run.mode,
      outcome: failure ? "failed" : "done",
      rows: counts.total,
      imported: counts.imported,
      skipped: counts.skipped,
      invalid: counts.invalid,
      failure,
    },
  });
  return saved ?? run;
}

function tally(counts: RowCounts, outcome: { kind: string }) {
  counts.total++;
  if (outcome.kind === "invalid") counts.invalid++;
  if (outcome.kind === "repeat") counts.skipped++;
}

/**
 * Imports a run's file in batches (a thousand rows; fewer on the embedded database, see
 * `importBatchSize`). All or nothing: one transaction for the whole file, rolled back at the
 * first row with a problem. Valid rows only: one transaction a batch, rows with problems left
 * out, progress saved after each batch. Either way rows already imported (by key) are
 * skipped, so running it again is safe.
 */
export async function runImport(
  db: Db,
  acting: Acting,
  store: DocumentStore,
  runId: string,
  onProgress: OnProgress = () => undefined,
  batchSize = BATCH_SIZE,
): Promise<ImportRun> {
  const { run, rows: sheet, ctx } = await openRun(db, acting, store, runId);
  if (run.status !== "importing") throw conflict("This import has not been started.");
  const as = <T>(fn: (tx: Queryable) => Promise<T>) => asUser(db, acting.viewer.id, fn);
  const batchContext: BatchContext = await as(async (tx) => ({
    runId: run.id,
    organisationId: await networkId(tx),
    acknowledgementDays: await acknowledgementTargetDays(tx),
    actor: actorOf(acting),
  }));
  const counts: RowCounts = { total: 0, invalid: 0, imported: 0, skipped: 0 };
  const rows = () => readAhead(inBatches(checkFile(sheet, run.mapping, ctx), batchSize));
  try {
    if (run.mode === "all_or_nothing") {
      if (run.invalidRows > 0)
        throw new NothingImported(
          `Nothing was imported: ${run.invalidRows.toLocaleString("en-GB")} ${run.invalidRows === 1 ? "row has a problem" : "rows have problems"} (listed below). Correct them in the spreadsheet and upload it again, or import the valid rows only.`,
        );
      return await as(async (tx) => {
        for await (const batch of rows()) {
          for (const o of batch) {
            tally(counts, o);
            if (o.kind === "invalid")
              throw new NothingImported(
                `Nothing was imported: line ${o.line} has a problem: ${o.message}.`,
              );
          }
          const valid = batch.flatMap((o) => (o.kind === "valid" ? [o.row] : []));
          const done = await insertBatch(tx, batchContext, valid);
          counts.imported += done.imported;
          counts.skipped += done.skipped;
          onProgress(counts.total);
        }
        return finish(tx, acting, run, counts, null);
      });
    }
    for await (const batch of rows()) {
      for (const o of batch) tally(counts, o);
      const valid = batch.flatMap((o) => (o.kind === "valid" ? [o.row] : []));
      // Counted once the batch has committed: a batch that fails leaves the counts as they were.
      const done = await as(async (tx) => {
        const batchDone = await insertBatch(tx, batchContext, valid);
        await tx
          .update(importRuns)
          .set({
            // The totals stay the check's until the end: the page shows "done of total".
            importedRows: counts.imported + batchDone.imported,
            skippedRows: counts.skipped + batchDone.skipped,
          })
          .where(eq(importRuns.id, run.id));
        return batchDone;
      });
      counts.imported += done.imported;
      counts.skipped += done.skipped;
      onProgress(counts.total);
    }
    return await as((tx) => finish(tx, acting, run, counts, null));
  } catch (error) {
    const known = error instanceof NothingImported || error instanceof ImportFileError;
    const message = known
      ? error.message
      : "The import stopped because of an unexpected error (it has been logged). Import again: rows already in are skipped.";
    // Keep the check's totals: a failed run may have stopped before reading every row.
    const rolledBack = run.mode === "all_or_nothing";
    const failedCounts: RowCounts = {
      total: Math.max(run.totalRows, counts.total),
      invalid: Math.max(run.invalidRows, counts.invalid),
      imported: rolledBack ? 0 : counts.imported,
      skipped: rolledBack ? 0 : counts.skipped,
    };
    const failed = await as((tx) => finish(tx, acting, run, failedCounts, message));
    if (!known) throw error;
    return failed;
  }
}

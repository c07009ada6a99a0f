import type { Job } from "./background.server";
import type { ImportRun } from "./runs.server";

/** What a run's page shows: the run, its progress if it is working, one page of its problems. */
export function runImportRoute(
  run: ImportRun,
  job: Job | undefined,
  page: number,
  pageSize: number,
) {
  const pages = Math.max(1, Math.ceil(run.errors.length / pageSize));
  const current = Math.min(page, pages);
  return {
    run: {
      id: run.id,
      filename: run.filename,
      format: run.format,
      status: run.status,
      mode: run.mode,
      totalRows: run.totalRows,
      invalidRows: run.invalidRows,
      importedRows: run.importedRows,
      skippedRows: run.skippedRows,
      failure: run.failure,
      mapped: Object.keys(run.mapping).length > 0,
      uploadedAt: run.createdAt.toISOString().slice(0, 16).replace("T", " "),
      finishedAt: run.finishedAt?.toISOString().slice(0, 16).replace("T", " ") ?? null,
    },
    job: job ? { phase: job.phase, rowsDone: job.rowsDone } : null,
    errors: run.errors.slice((current - 1) * pageSize, current * pageSize),
    errorPages: { page: current, pages, kept: run.errors.length },
  };
}

export type ImportRunPage = ReturnType<typeof runImportRoute>;

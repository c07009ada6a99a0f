import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asUser, type Queryable } from "~/db/database.server";
import { importRuns } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import type { Services } from "~/services";
import { importBatchSize } from "./check-file.server";
import { checkImportRun } from "./check-import.server";
import { runImport } from "./run-import.server";
import { failInterruptedImports } from "./runs.server";

/**
 * Checks and imports run in this process after the request that started them has been
 * answered (there is no job queue yet: docs/decisions/006-imports.md). Their progress is
 * kept here, by run, for the run's page; the database has the outcome.
 */
export type JobPhase = "checking" | "importing";

export interface Job {
  phase: JobPhase;
  rowsDone: number;
  startedAt: number;
}

const jobs = new Map<string, Job>();

export function currentJob(runId: string): Job | undefined {
  return jobs.get(runId);
}

/** The encrypted store the uploaded spreadsheets are kept in (the documents store). */
export function importStore(services: Pick<Services, "config" | "secret">): DocumentStore {
  return createDocumentStore(services.config.dataDir, services.secret);
}

function inBackground(
  services: Services,
  runId: string,
  phase: JobPhase,
  work: (onProgress: (rowsDone: number) => void) => Promise<unknown>,
  onError: () => Promise<unknown>,
): boolean {
  if (jobs.has(runId)) return false;
  const job: Job = { phase, rowsDone: 0, startedAt: Date.now() };
  jobs.set(runId, job);
  setImmediate(() => {
    work((rowsDone) => {
      job.rowsDone = rowsDone;
    })
      .catch(async (err) => {
        services.logger.error({ err, runId, phase }, "import run failed");
        await onError().catch((e) => services.logger.error({ err: e, runId }, "could not record"));
      })
      .finally(() => jobs.delete(runId));
  });
  return true;
}

/** Starts the dry run of a run whose mapping was just saved. */
export function startCheckInBackground(services: Services, acting: Acting, runId: string): boolean {
  return inBackground(
    services,
    runId,
    "checking",
    (onProgress) =>
      checkImportRun(services.database.db, acting, importStore(services), runId, onProgress),
    () =>
      asUser(services.database.db, acting.viewer.id, (tx) =>
        tx
          .update(importRuns)
          .set({
            status: "failed",
            failure: "Checking the file stopped because of an unexpected error. Try again.",
          })
          .where(eq(importRuns.id, runId)),
      ),
  );
}

/** Starts the import of a run that `startImport` has just marked as importing. */
export function startImportInBackground(
  services: Services,
  acting: Acting,
  runId: string,
): boolean {
  // runImport records its own failures; an error escaping it is logged here.
  return inBackground(
    services,
    runId,
    "importing",
    (onProgress) =>
      runImport(
        services.database.db,
        acting,
        importStore(services),
        runId,
        onProgress,
        importBatchSize(services.database.kind),
      ),
    async () => undefined,
  );
}

let recovered = false;

/**
 * Once per process, before the first imports page is shown: an import that a previous process
 * left "importing" is marked failed (start-up could call failInterruptedImports itself).
 */
export async function recoverInterruptedImports(tx: Queryable): Promise<void> {
  if (recovered) return;
  await failInterruptedImports(tx, [...jobs.keys()]);
  recovered = true;
}

import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { asUser, type Db } from "~/db/database.server";
import type { DocumentStore } from "~/documents/storage.server";
import { csvCell } from "~/shared/csv";
import { checkFile } from "./check-file.server";
import { openRun } from "./check-import.server";
import { ImportFileError } from "./read-rows.server";

export { csvCell };

/**
 * Every row with a problem, as CSV (line, problem), made by checking the file again as it is
 * sent: the run's page keeps only the first thousand. The download is audited (it may quote
 * what the rows say).
 */
export async function importProblemsCsv(
  db: Db,
  acting: Acting,
  store: DocumentStore,
  runId: string,
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const { run, rows: sheet, ctx } = await openRun(db, acting, store, runId);
  await asUser(db, acting.viewer.id, (tx) =>
    recordAuditEvent(tx, actorOf(acting), {
      action: "import.problems_exported",
      entityType: "import_run",
      entityId: run.id,
      details: { filename: run.filename },
    }),
  );
  const encoder = new TextEncoder();
  const rows = checkFile(sheet, run.mapping, ctx);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\ufeffLine,Problem\r\n"));
    },
    async pull(controller) {
      try {
        for (;;) {
          const next = await rows.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.kind === "invalid") {
            controller.enqueue(
              encoder.encode(`${next.value.line},${csvCell(next.value.message)}\r\n`),
            );
            return;
          }
        }
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        controller.enqueue(encoder.encode(`,${csvCell(error.message)}\r\n`));
        controller.close();
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const base = run.filename.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "-") || "import";
  return { filename: `${base}-problems.csv`, body };
}

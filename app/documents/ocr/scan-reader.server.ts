import { eq, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Db, queryRows } from "~/db/database.server";
import { caseDocuments, scanReadings } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { MAX_TEXT_CHARS } from "~/shared/pdf/read-pdf.server";
import { readScanText, type ScanOutcome } from "./read-scan.server";

/**
 * The scan reader: one document at a time, in this process, after the upload that added it
 * has been answered. The queue is the database itself (scan_readings), so a restart loses
 * nothing: documents not yet read are found again. It runs as the owner, as housekeeping
 * does: no user is acting, and a reading is shown to users only through their own access to
 * the document (docs/decisions/028-ocr-and-redaction.md).
 */

/** Media types read by the reader: every image, and PDFs (whose pages may be pictures). */
export const READ_MEDIA_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;

/** A scan whose reading was cut short this many times (a crash, a restart) is not tried again. */
const MAX_ATTEMPTS = 3;

const SYSTEM = { userId: null, ip: null, requestId: null };

const mediaList = sql.raw(READ_MEDIA_TYPES.map((t) => `'${t}'`).join(", "));

/** The tables whose documents are read, with the reading's column naming them. */
const READ_TABLES = [
  { table: sql.raw("documents"), column: sql.raw("document_id") },
  { table: sql.raw("case_documents"), column: sql.raw("case_document_id") },
];

/** Every document not yet queued is queued: new uploads, and those from before the reader. */
export async function queueUnreadScans(db: Db): Promise<void> {
  for (const { table, column } of READ_TABLES)
    await db.execute(sql`
      insert into scan_readings (${column})
      select d.id from ${table} d
       where d.media_type in (${mediaList})
         and not exists (select 1 from scan_readings r where r.${column} = d.id)
      on conflict do nothing`);
}

/**
 * Readings a stopped process left "reading" wait their turn again, unless they have stopped
 * it before: then they are flagged, so that one poisonous scan cannot stop the server forever.
 */
export async function recoverInterruptedReadings(db: Db): Promise<void> {
  await db.execute(sql`
    update scan_readings
       set status = case when attempts >= ${MAX_ATTEMPTS} then 'unreadable' else 'waiting' end,
           note = case when attempts >= ${MAX_ATTEMPTS}
                       then 'Reading it was cut short too often: it is not tried again. Read it by eye.'
                       else note end,
           finished_at = case when attempts >= ${MAX_ATTEMPTS} then now() else null end
     where status = 'reading'`);
}

interface Claimed {
  id: string;
  document_id: string | null;
  case_document_id: string | null;
  storage_key: string;
  media_type: string;
}

/** Takes the oldest waiting reading, marking it "reading"; null when none waits. */
async function claimNext(db: Db): Promise<Claimed | null> {
  const [claimed] = await queryRows<Claimed>(
    db,
    sql`
      with next as (
        select r.id from scan_readings r where r.status = 'waiting'
         order by r.created_at, r.id limit 1 for update skip locked
      ), taken as (
        update scan_readings r
           set status = 'reading', attempts = r.attempts + 1, started_at = now(), pages_done = 0
          from next where r.id = next.id
        returning r.id, r.document_id, r.case_document_id
      )
      select t.id, t.document_id, t.case_document_id,
             coalesce(d.storage_key, cd.storage_key) as storage_key,
             coalesce(d.media_type, cd.media_type) as media_type
        from taken t
        left join documents d on d.id = t.document_id
        left join case_documents cd on cd.id = t.case_document_id`,
  );
  return claimed ?? null;
}

/** Reads one claimed scan and saves what came of it. */
async function readOne(db: Db, store: DocumentStore, claimed: Claimed): Promise<ScanOutcome> {
  let outcome: ScanOutcome;
  try {
    const bytes = new Uint8Array(await store.get(claimed.storage_key));
    outcome = await readScanText(bytes, claimed.media_type, async (pagesDone, pages) => {
      await db
        .update(scanReadings)
        .set({ pagesDone, pages })
        .where(eq(scanReadings.id, claimed.id));
    });
  } catch {
    outcome = {
      status: "unreadable",
      pages: 0,
      pagesByOcr: 0,
      confidence: null,
      text: null,
      note: "The stored file could not be opened for reading.",
    };
  }
  if (outcome.status === "busy") {
    await db
      .update(scanReadings)
      .set({ status: "waiting", attempts: sql`${scanReadings.attempts} - 1` })
      .where(eq(scanReadings.id, claimed.id));
    return outcome;
  }
  const text = outcome.text?.slice(0, MAX_TEXT_CHARS) ?? null;
  try {
    await saveOutcome(db, claimed, outcome, text);
  } catch {
    // Never left "reading": flagged, so that it is read by eye rather than retried for ever.
    await db
      .update(scanReadings)
      .set({
        status: "unreadable",
        note: "Its text was read but could not be saved. Read it by eye.",
        finishedAt: new Date(),
      })
      .where(eq(scanReadings.id, claimed.id));
  }
  return outcome;
}

async function saveOutcome(
  db: Db,
  claimed: Claimed,
  outcome: Exclude<ScanOutcome, { status: "busy" }>,
  text: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(scanReadings)
      .set({
        status: outcome.status,
        pages: outcome.pages,
        pagesDone: outcome.pages,
        pagesByOcr: outcome.pagesByOcr,
        confidence: outcome.confidence,
        note: outcome.note,
        // A case document's text is kept on it, where its search reads it.
        text: claimed.document_id ? text : null,
        finishedAt: new Date(),
      })
      .where(eq(scanReadings.id, claimed.id));
    // A PDF read from its own text layer alone already has its text from the upload.
    if (claimed.case_document_id && text && outcome.pagesByOcr > 0)
      await tx
        .update(caseDocuments)
        .set({ extractedText: text })
        .where(eq(caseDocuments.id, claimed.case_document_id));
    await recordAuditEvent(tx, SYSTEM, {
      action: "document.scan_read",
      entityType: claimed.document_id ? "document" : "case_document",
      entityId: claimed.document_id ?? claimed.case_document_id,
      details: {
        status: outcome.status,
        pages: outcome.pages,
        pagesByOcr: outcome.pagesByOcr,
        confidence: outcome.confidence,
        characters: text?.length ?? 0,
      },
    });
  });
}

/**
 * Reads waiting scans one after another until none waits (or `max` have been read); answers
 * how many were read. What the reader's loop runs, and what tests call to run the job.
 */
export async function readWaitingScans(
  db: Db,
  store: DocumentStore,
  options: { max?: number; stopping?: () => boolean } = {},
): Promise<number> {
  await queueUnreadScans(db);
  let done = 0;
  while (done < (options.max ?? Number.POSITIVE_INFINITY) && !options.stopping?.()) {
    const claimed = await claimNext(db);
    if (!claimed) break;
    const outcome = await readOne(db, store, claimed);
    if (outcome.status === "busy") break;
    done++;
  }
  return done;
}

export interface ScanReader {
  /** Looks for waiting scans now (after an upload has committed). */
  wake(): void;
  /**
   * Stops looking, and waits a little for the scan being read to be saved. A long one is
   * left: the next start reads it again (a stop counts as an attempt, hence three).
   */
  stop(): Promise<void>;
}

/** How often the reader looks for scans without being woken (an upload wakes it at once). */
const POLL_MS = 60_000;

/** How long stopping waits for the scan being read. */
const STOP_WAIT_MS = 5_000;

let running: ScanReader | null = null;

/** Wakes the process's scan reader, if it runs (it does not under tests, which read directly). */
export function wakeScanReader(): void {
  running?.wake();
}

/** Starts the reader: interrupted readings first, then every waiting scan, then on each wake. */
export function startScanReader(options: {
  db: Db;
  store: DocumentStore;
  logger: Logger;
}): ScanReader {
  let stopped = false;
  let again = false;
  let current: Promise<void> | null = null;
  const timer = setInterval(() => reader.wake(), POLL_MS);
  timer.unref();
  const pass = async () => {
    do {
      again = false;
      const read = await readWaitingScans(options.db, options.store, {
        stopping: () => stopped,
      });
      if (read > 0) options.logger.info({ read }, "scans read");
    } while (again && !stopped);
  };
  const reader: ScanReader = {
    wake() {
      if (stopped) return;
      if (current) {
        again = true;
        return;
      }
      current = pass()
        .catch((err) => options.logger.error({ err }, "reading scans failed"))
        .finally(() => {
          current = null;
        });
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running === reader) running = null;
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
    },
  };
  running = reader;
  void recoverInterruptedReadings(options.db)
    .catch((err) => options.logger.error({ err }, "could not recover interrupted readings"))
    .then(() => reader.wake());
  return reader;
}

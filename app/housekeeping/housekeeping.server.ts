import { lt } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { alertQuietCases } from "~/casework/quiet/quiet-cases.server";
import { sendCaseReminders } from "~/casework/reminders/send-reminders.server";
import { sendRequestReminders } from "~/data-protection/requests/send-request-reminders.server";
import { runRetentionSweeps } from "~/data-protection/retention/run-sweeps.server";
import type { Db } from "~/db/database.server";
import { applicationDrafts, formSubmissions } from "~/db/schema";
import { removeStoredFile } from "~/documents/storage.server";
import type { Mailer } from "~/mail/mailer.server";
import { lapseAndRemindOffers } from "~/referrals/expiry.server";
import { sendTaskReminders } from "~/tasks/send-task-reminders.server";
import { type SweepLog, sweepOrphanFiles } from "./orphan-sweep.server";

/**
 * Work the server does on its own, at start-up and then every hour: nothing here waits for
 * a user. Runs as the database owner (no one is signed in), and audits what it removes.
 */

const SYSTEM = { userId: null, ip: null, requestId: null };

/**
 * Online application drafts past their expiry are removed: what someone typed and never
 * submitted is not kept beyond the time they were told it would be.
 */
export async function purgeExpiredDrafts(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(applicationDrafts)
      .where(lt(applicationDrafts.expiresAt, now))
      .returning({ id: applicationDrafts.id, submitted: applicationDrafts.submittedApplicationId });
    if (removed.length > 0)
      await recordAuditEvent(tx, SYSTEM, {
        action: "application_draft.purged",
        entityType: "application_draft",
        details: {
          count: removed.length,
          unsubmitted: removed.filter((r) => r.submitted === null).length,
        },
      });
    return removed.length;
  });
}

/**
 * One-time form keys older than a day are forgotten: a form resent after that is a new
 * submission (no one double-clicks over a day), and the table stays small.
 */
export async function purgeFormSubmissions(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const removed = await db
    .delete(formSubmissions)
    .where(lt(formSubmissions.createdAt, before))
    .returning({ key: formSubmissions.key });
  return removed.length;
}

export interface HousekeepingResult {
  drafts: number;
  /** Orphaned document files moved to the trash. */
  orphans: number;
  lapsed: number;
  reminded: number;
  /** Deadline reminders sent to the people on active cases. */
  caseReminders: number;
  /** Officers reminded of subject requests due within a week or overdue. */
  requestReminders: number;
  /** Assignees reminded of tasks due within a week or overdue. */
  taskReminders: number;
  /** Cases newly alerted as quiet to the network's coordinators and the project's leads. */
  quietCases: number;
  /** Approved retention sweeps run to the end, and interrupted ones resumed. */
  sweeps: number;
}

export interface Housekeeping {
  /** Stops the timer and waits for a run in progress, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * Runs the housekeeping now and every `everyMs`; failures are logged, never thrown. Each job
 * runs even if one before it failed, and a run still going when the next is due is not
 * joined by another: every job is safe to repeat, but not worth running twice at once.
 */
export function startHousekeeping(
  options: {
    db: Db;
    dataDir: string;
    mailer: Mailer;
    publicUrl: string;
    log: (result: HousekeepingResult | { error: unknown }) => void;
    /** The orphan sweep's warnings and the files it moves; pino's default if not given. */
    logger?: SweepLog;
    /** Days swept document files stay in the trash (DOCUMENT_TRASH_DAYS). */
    trashDays?: number;
  },
  everyMs = 60 * 60 * 1000,
): Housekeeping {
  const { db, mailer, publicUrl } = options;
  const job = async <T>(work: () => Promise<T>, failed: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      options.log({ error });
      return failed;
    }
  };
  const run = async () => {
    const drafts = await job(() => purgeExpiredDrafts(db), 0);
    await job(() => purgeFormSubmissions(db), 0);
    const orphans = await job(
      () =>
        sweepOrphanFiles(db, options.dataDir, {
          log: options.logger,
          trashDays: options.trashDays,
        }),
      0,
    );
    const offers = await job(() => lapseAndRemindOffers(db, mailer, publicUrl), {
      lapsed: 0,
      reminded: 0,
    });
    const caseReminders = await job(() => sendCaseReminders(db, mailer, publicUrl), 0);
    const requestReminders = await job(() => sendRequestReminders(db, mailer, publicUrl), 0);
    const taskReminders = await job(() => sendTaskReminders(db, mailer, publicUrl), 0);
    const quietCases = await job(() => alertQuietCases(db, mailer, publicUrl), 0);
    const sweeps = await job(
      () => runRetentionSweeps(db, { remove: (key) => removeStoredFile(options.dataDir, key) }),
      0,
    );
    options.log({
      drafts,
      orphans,
      ...offers,
      caseReminders,
      requestReminders,
      taskReminders,
      quietCases,
      sweeps,
    });
  };
  let current: Promise<void> | null = null;
  const tick = () => {
    current ??= run().finally(() => {
      current = null;
    });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}

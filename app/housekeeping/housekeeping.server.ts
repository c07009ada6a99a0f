import { lt, sql } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { sendCaseReminders } from "~/casework/reminders/send-reminders.server";
import { type Db, queryRows } from "~/db/database.server";
import { applicationDrafts } from "~/db/schema";
import { createDocumentStore, listStoredFiles } from "~/documents/storage.server";
import type { Mailer } from "~/mail/mailer.server";
import { lapseAndRemindOffers } from "~/referrals/expiry.server";

/**
 * Work the server does on its own, at start-up and then every hour: nothing here waits for
 * a user. Runs as the database owner (no one is signed in), and audits what it removes.
 */

/** A file younger than this may belong to an upload whose transaction has not committed yet. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

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
 * Encrypted files that no document, project case document or import refers to — left by a
 * process that died between writing a file and committing its record — are removed once
 * they are older than ORPHAN_GRACE_MS.
 */
export async function sweepOrphanFiles(
  db: Db,
  dataDir: string,
  secret: string,
  now = new Date(),
): Promise<number> {
  const files = await listStoredFiles(dataDir);
  const old = files.filter((f) => now.getTime() - f.modifiedAt.getTime() > ORPHAN_GRACE_MS);
  if (old.length === 0) return 0;
  const referenced = new Set(
    (
      await queryRows<{ key: string }>(
        db,
        sql`select storage_key as key from documents
            union select storage_key from import_runs
            union select storage_key from case_documents`,
      )
    ).map((r) => r.key),
  );
  const orphans = old.filter((f) => !referenced.has(f.storageKey));
  if (orphans.length === 0) return 0;
  const store = createDocumentStore(dataDir, secret);
  for (const f of orphans) await store.remove(f.storageKey);
  await recordAuditEvent(db, SYSTEM, {
    action: "document.orphans_removed",
    entityType: "document",
    details: { count: orphans.length, storageKeys: orphans.map((f) => f.storageKey) },
  });
  return orphans.length;
}

export interface HousekeepingResult {
  drafts: number;
  orphans: number;
  lapsed: number;
  reminded: number;
  /** Deadline reminders sent to the people on active cases. */
  caseReminders: number;
}

export interface Housekeeping {
  /** Stops the timer and waits for a run in progress, so the database can close after it. */
  stop(): Promise<void>;
}

/** Runs the housekeeping now and every `everyMs`; failures are logged, never thrown. */
export function startHousekeeping(
  options: {
    db: Db;
    dataDir: string;
    secret: string;
    mailer: Mailer;
    publicUrl: string;
    log: (result: HousekeepingResult | { error: unknown }) => void;
  },
  everyMs = 60 * 60 * 1000,
): Housekeeping {
  const run = async () => {
    try {
      const drafts = await purgeExpiredDrafts(options.db);
      const orphans = await sweepOrphanFiles(options.db, options.dataDir, options.secret);
      const offers = await lapseAndRemindOffers(options.db, options.mailer, options.publicUrl);
      const caseReminders = await sendCaseReminders(options.db, options.mailer, options.publicUrl);
      options.log({ drafts, orphans, ...offers, caseReminders });
    } catch (error) {
      options.log({ error });
    }
  };
  let current = run();
  const timer = setInterval(() => {
    current = run();
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}

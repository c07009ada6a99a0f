import { and, eq, sql } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Db, queryRows } from "~/db/database.server";
import { retentionSweepItems, retentionSweeps } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { destroyErasedFiles } from "../erasure/destroy-erased-files.server";
import { processSweepItem } from "./process-sweep-item.server";
import { STALE_HEARTBEAT_MS } from "./rules";

/** Records erased per transaction: small, so a crash loses little and progress shows. */
export const SWEEP_BATCH_SIZE = 10;

export interface ClaimedSweep {
  id: string;
  organisationId: string;
  approvedBy: string | null;
}

/**
 * Takes one approved sweep, or a running one whose runner has stopped beating, for this
 * process: `for update skip locked` so two processes never take the same one at once, and a
 * fresh heartbeat so no one takes it over while this one works.
 */
export async function claimSweep(
  db: Db,
  staleMs = STALE_HEARTBEAT_MS,
): Promise<ClaimedSweep | null> {
  return db.transaction(async (tx) => {
    const stale = new Date(Date.now() - staleMs).toISOString();
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`select id from retention_sweeps
          where status = 'approved'
             or (status = 'running' and (heartbeat_at is null or heartbeat_at < ${stale}::timestamptz))
          order by approved_at limit 1 for update skip locked`,
    );
    if (!row) return null;
    const [sweep] = await tx
      .update(retentionSweeps)
      .set({
        status: "running",
        heartbeatAt: new Date(),
        startedAt: sql`coalesce(${retentionSweeps.startedAt}, now())`,
      })
      .where(eq(retentionSweeps.id, row.id))
      .returning({
        id: retentionSweeps.id,
        organisationId: retentionSweeps.organisationId,
        approvedBy: retentionSweeps.approvedBy,
      });
    return sweep ?? null;
  });
}

/**
 * Carries out the next few items of a claimed sweep in one transaction, each in a savepoint
 * so one that fails (a hold placed since the dry run) is marked and the rest go on; then
 * destroys the erased files. Returns how many items it took, 0 when none are left.
 */
export async function processSweepBatch(
  db: Db,
  store: Pick<DocumentStore, "remove">,
  sweep: ClaimedSweep,
  batchSize = SWEEP_BATCH_SIZE,
): Promise<number> {
  const actor = { userId: sweep.approvedBy };
  const { taken, storageKeys } = await db.transaction(async (tx) => {
    const items = await tx
      .select()
      .from(retentionSweepItems)
      .where(
        and(eq(retentionSweepItems.sweepId, sweep.id), eq(retentionSweepItems.status, "pending")),
      )
      .limit(batchSize)
      .for("update", { skipLocked: true });
    const keys: string[] = [];
    for (const item of items) {
      let status: "done" | "failed" = "done";
      let outcome: string;
      try {
        const result = await tx.transaction((sp) => processSweepItem(sp, actor, sweep, item));
        keys.push(...result.storageKeys);
        outcome = result.outcome;
      } catch (error) {
        status = "failed";
        const refusal = (error as { details?: { refusal?: unknown } }).details?.refusal;
        outcome = typeof refusal === "string" ? `Kept: ${refusal}` : "Failed: an unexpected error";
      }
      await tx
        .update(retentionSweepItems)
        .set({ status, outcome, doneAt: new Date() })
        .where(
          and(
            eq(retentionSweepItems.sweepId, sweep.id),
            eq(retentionSweepItems.entityType, item.entityType),
            eq(retentionSweepItems.entityId, item.entityId),
          ),
        );
    }
    await tx
      .update(retentionSweeps)
      .set({
        processed: sql`${retentionSweeps.processed} + ${items.length}`,
        heartbeatAt: new Date(),
      })
      .where(eq(retentionSweeps.id, sweep.id));
    return { taken: items.length, storageKeys: keys };
  });
  await destroyErasedFiles(db, store, storageKeys);
  return taken;
}

/** Marks a sweep with nothing left to do as done, with what became of its items. */
export async function finishSweep(db: Db, sweep: ClaimedSweep): Promise<void> {
  await db.transaction(async (tx) => {
    const outcome = await queryRows<{ status: string; n: unknown }>(
      tx,
      sql`select status, count(*) as n from retention_sweep_items where sweep_id = ${sweep.id} group by status`,
    );
    const byStatus = Object.fromEntries(outcome.map((o) => [o.status, Number(o.n)]));
    // Items another process holds locked are still pending: it finishes the sweep.
    if ((byStatus.pending ?? 0) > 0) return;
    await tx
      .update(retentionSweeps)
      .set({ status: "done", finishedAt: new Date(), heartbeatAt: new Date() })
      .where(eq(retentionSweeps.id, sweep.id));
    await recordAuditEvent(
      tx,
      { userId: sweep.approvedBy },
      {
        action: "retention_sweep.finished",
        entityType: "retention_sweep",
        entityId: sweep.id,
        organisationId: sweep.organisationId,
        details: { items: byStatus },
      },
    );
  });
}

/**
 * Runs every approved sweep, and every running one left by a process that stopped, to the
 * end. Called after an approval commits, at start-up and by the hourly housekeeping: safe to
 * call at any time from any process. Returns how many sweeps it finished.
 */
export async function runRetentionSweeps(
  db: Db,
  store: Pick<DocumentStore, "remove">,
  options: { staleMs?: number; batchSize?: number } = {},
): Promise<number> {
  let finished = 0;
  for (;;) {
    const sweep = await claimSweep(db, options.staleMs);
    if (!sweep) return finished;
    while ((await processSweepBatch(db, store, sweep, options.batchSize)) > 0) {
      // each batch commits on its own and beats the heartbeat
    }
    await finishSweep(db, sweep);
    finished += 1;
  }
}

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { queryRows, type Tx } from "~/db/database.server";
import { applications, cases, retentionSweepItems, retentionSweeps } from "~/db/schema";
import type { RecordClass } from "~/db/schema/data-protection";
import { notFound } from "~/errors/app-error";
import { requireController } from "../controller";
import { withOwnerRights } from "../owner-rights.server";
import { RECORD_CLASS_DEFINITIONS } from "./classes";

/** How many items of each class the page shows as a sample. */
export const SAMPLE_SIZE = 20;

/**
 * A sweep for its page: counts per class, a sample of the records in each with why each is
 * due and what became of it, and the progress. Records are named by reference, never by name.
 */
export async function getSweep(tx: Tx, acting: Acting, sweepId: string) {
  // Row-level security: another organisation's sweep is not found.
  const [sweep] = await tx.select().from(retentionSweeps).where(eq(retentionSweeps.id, sweepId));
  if (!sweep) throw notFound("sweep");
  requireController(acting, sweep.organisationId);
  const sample = await queryRows<{
    record_class: RecordClass;
    entity_type: string;
    entity_id: string;
    due_reason: string;
    action: string;
    status: string;
    outcome: string | null;
  }>(
    tx,
    sql`select record_class, entity_type, entity_id, due_reason, action, status, outcome from (
          select i.*, row_number() over (partition by record_class order by due_on, entity_id) as n
          from retention_sweep_items i where sweep_id = ${sweepId}) s
        where n <= ${SAMPLE_SIZE} order by record_class, n`,
  );
  const ids = sample.map((s) => s.entity_id);
  const labels = await withOwnerRights(tx, async () => {
    const map = new Map<string, string>();
    if (ids.length === 0) return map;
    for (const a of await tx
      .select({ id: applications.id, reference: applications.reference })
      .from(applications)
      .where(inArray(applications.id, ids)))
      map.set(a.id, `Application ${a.reference}`);
    for (const c of await tx
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(inArray(cases.id, ids)))
      map.set(c.id, `Case ${c.reference}`);
    return map;
  });
  const statusCounts = await tx
    .select({ status: retentionSweepItems.status, n: sql<number>`count(*)::int` })
    .from(retentionSweepItems)
    .where(and(eq(retentionSweepItems.sweepId, sweepId)))
    .groupBy(retentionSweepItems.status)
    .orderBy(asc(retentionSweepItems.status));
  const classes = Object.keys(RECORD_CLASS_DEFINITIONS) as RecordClass[];
  return {
    sweep: {
      id: sweep.id,
      status: sweep.status,
      asOf: sweep.asOf,
      total: sweep.total,
      processed: sweep.processed,
      createdOn: sweep.createdAt.toISOString().slice(0, 10),
      approvedOn: sweep.approvedAt?.toISOString().slice(0, 10) ?? null,
      finishedOn: sweep.finishedAt?.toISOString().slice(0, 10) ?? null,
    },
    classes: classes
      .filter((c) => sweep.counts[c] !== undefined)
      .map((c) => ({
        recordClass: c,
        label: RECORD_CLASS_DEFINITIONS[c].label,
        due: sweep.counts[c] ?? 0,
        held: sweep.counts[`${c}.held`] ?? 0,
        items: sample
          .filter((s) => s.record_class === c)
          .map((s) => ({
            id: s.entity_id,
            label:
              labels.get(s.entity_id) ??
              `${s.entity_type.replaceAll("_", " ")} ${s.entity_id.slice(0, 8)}`,
            dueReason: s.due_reason,
            action: s.action,
            status: s.status,
            outcome: s.outcome,
          })),
      })),
    statusCounts: Object.fromEntries(statusCounts.map((s) => [s.status, Number(s.n)])),
  };
}

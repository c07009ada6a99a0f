import { eq, isNull } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { legalHolds, retentionSweepItems, retentionSweeps } from "~/db/schema";
import { today } from "~/shared/dates";
import { requireController } from "../controller";
import { withOwnerRights } from "../owner-rights.server";
import { ensureSchedule } from "./ensure-schedule.server";
import { countDueAuditEvents, findDueRecords } from "./find-due-records.server";
import { dueOn, dueReason, holdCovering, latestDueFrom } from "./rules";

/**
 * A sweep's dry run: every record of the organisation due under its schedule today, with why,
 * counted per class; records under a legal hold are listed as held and never touched. Nothing
 * changes until the officer approves it.
 */
export async function startDryRun(tx: Tx, acting: Acting) {
  const organisationId = requireController(acting);
  const { rules } = await ensureSchedule(tx, organisationId);
  const asOf = today();
  const counts: Record<string, number> = {};
  const items: (typeof retentionSweepItems.$inferInsert)[] = [];
  const [sweep] = await tx
    .insert(retentionSweeps)
    .values({ organisationId, asOf, createdBy: acting.viewer.id })
    .returning({ id: retentionSweeps.id });
  if (!sweep) throw new Error("the sweep was not saved");
  await withOwnerRights(tx, async () => {
    // Every organisation's holds: a hold placed by a project on its case holds the network's application too.
    const holds = await tx.select().from(legalHolds).where(isNull(legalHolds.releasedAt));
    for (const rule of rules) {
      const latest = latestDueFrom(asOf, rule.periodMonths);
      if (rule.recordClass === "audit_event") {
        counts[rule.recordClass] = await countDueAuditEvents(tx, organisationId, latest);
        continue;
      }
      const due = await findDueRecords(tx, organisationId, rule.recordClass, latest);
      let held = 0;
      for (const record of due) {
        const hold = holdCovering(holds, record.lineage, asOf);
        if (hold) held += 1;
        items.push({
          sweepId: sweep.id,
          recordClass: rule.recordClass,
          entityType: record.entityType,
          entityId: record.entityId,
          dueReason: dueReason(rule.recordClass, record.from, rule.periodMonths),
          dueOn: dueOn(record.from, rule.periodMonths),
          action: rule.action,
          status: hold ? "held" : rule.action === "review" ? "skipped" : "pending",
          outcome: hold
            ? "Under a legal hold"
            : rule.action === "review"
              ? "Listed for review"
              : null,
        });
      }
      counts[rule.recordClass] = due.length - held;
      if (held > 0) counts[`${rule.recordClass}.held`] = held;
    }
  });
  for (let i = 0; i < items.length; i += 500)
    await tx
      .insert(retentionSweepItems)
      .values(items.slice(i, i + 500))
      .onConflictDoNothing();
  const total = items.filter((i) => i.status === "pending").length;
  await tx.update(retentionSweeps).set({ counts, total }).where(eq(retentionSweeps.id, sweep.id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "retention_sweep.dry_run",
    entityType: "retention_sweep",
    entityId: sweep.id,
    organisationId,
    details: { counts, asOf },
  });
  return sweep;
}

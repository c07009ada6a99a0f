import { and, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { retentionRules } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { requireController } from "../controller";
import { ensureSchedule } from "./ensure-schedule.server";
import { ruleProblem } from "./rules";
import type { ChangeRuleInput } from "./schemas";

/** Changes one line of the officer's organisation's schedule; a stale form is refused. */
export async function changeRule(tx: Tx, acting: Acting, input: ChangeRuleInput) {
  const organisationId = requireController(acting);
  await ensureSchedule(tx, organisationId);
  const problem = ruleProblem(input.recordClass, input);
  if (problem) throw invalid(problem.message, { field: problem.field });
  const [before] = await tx
    .select()
    .from(retentionRules)
    .where(
      and(
        eq(retentionRules.organisationId, organisationId),
        eq(retentionRules.recordClass, input.recordClass),
      ),
    );
  if (!before) throw invalid("Your organisation holds no records of that class.");
  const updated = await tx
    .update(retentionRules)
    .set({
      periodMonths: input.periodMonths,
      action: input.action,
      reason: input.reason,
      updatedBy: acting.viewer.id,
      updatedAt: new Date(),
      version: sql`${retentionRules.version} + 1`,
    })
    .where(and(eq(retentionRules.id, before.id), eq(retentionRules.version, input.version)))
    .returning({ id: retentionRules.id });
  if (updated.length === 0)
    throw conflict("Someone changed this line while you were editing it. Check it and try again.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "retention_rule.changed",
    entityType: "retention_rule",
    entityId: before.id,
    organisationId,
    details: {
      recordClass: input.recordClass,
      periodMonths: { from: before.periodMonths, to: input.periodMonths },
      action: { from: before.action, to: input.action },
    },
  });
}

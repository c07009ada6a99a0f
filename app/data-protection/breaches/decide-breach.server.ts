import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataBreaches } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { getBreach } from "./get-breach.server";
import { decisionProblems } from "./rules";
import type { BreachDecisionInput } from "./schemas";

/**
 * Saves the assessment of a breach: how likely harm is, whether it is reported to the ICO and
 * why, when it was, who was told and what was done. Refused while a decision lacks its reasons.
 */
export async function decideBreach(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: BreachDecisionInput,
) {
  const before = await getBreach(tx, acting, id);
  if (before.closedAt) throw invalid("This breach is closed: its record can no longer change.");
  const facts = {
    risk: input.risk ?? null,
    decision: input.decision,
    decisionReasons: input.decisionReasons || null,
    reportedToIcoAt: input.reportedToIcoAt,
    whoWasTold: input.whoWasTold,
  };
  const [problem] = decisionProblems(facts);
  if (problem) throw invalid(problem.message, { field: problem.field });
  if (input.reportedToIcoAt && input.reportedToIcoAt < before.discoveredAt)
    throw invalid("The ICO cannot have been told before the breach was found.", {
      field: "reportedToIcoAt",
    });
  const [row] = await tx
    .update(dataBreaches)
    .set({
      ...facts,
      icoReference: input.icoReference || null,
      actionsTaken: input.actionsTaken,
      updatedAt: new Date(),
      version: sql`${dataBreaches.version} + 1`,
    })
    .where(and(eq(dataBreaches.id, id), eq(dataBreaches.version, input.version)))
    .returning({ id: dataBreaches.id });
  if (!row)
    throw conflict("Someone else changed this breach while you were editing it. Reload to see it.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "breach.assessed",
    entityType: "data_breach",
    entityId: id,
    organisationId: before.organisationId,
    details: {
      risk: facts.risk,
      decision: facts.decision,
      reported: Boolean(facts.reportedToIcoAt),
    },
  });
  return row;
}

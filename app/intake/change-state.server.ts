import { and, eq, inArray, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications } from "~/db/schema";
import { forbidden, invalid } from "~/errors/app-error";
import { today } from "~/shared/dates";
import {
  type ApplicationState,
  type ClosedReason,
  canMove,
  INTAKE_CLOSED_REASONS,
  STATE_LABELS,
} from "./transitions";

export interface StateChange {
  to: ApplicationState;
  closedReason?: ClosedReason;
  /** For "awaiting information": when to chase if nothing arrives. */
  chaseOn?: string;
}

export interface StateChangeOutcome {
  changed: string[];
  /** Applications left as they were, with the reason (e.g. a move not allowed from their state). */
  skipped: { id: string; reference: string; reason: string }[];
}

/**
 * Moves applications to a new state, one or many (bulk). Each move is checked against the
 * allowed transitions and audited; applications that cannot move are reported, not changed.
 */
export async function changeApplicationState(
  tx: Queryable,
  acting: Acting,
  ids: string[],
  change: StateChange,
): Promise<StateChangeOutcome> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an application's state.");
  if (
    change.to === "closed" &&
    (!change.closedReason || !INTAKE_CLOSED_REASONS.includes(change.closedReason))
  ) {
    throw invalid("Choose why the application is being closed: withdrawn or duplicate.", {
      field: "closedReason",
    });
  }
  if (ids.length === 0) return { changed: [], skipped: [] };
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
    })
    .from(applications)
    .where(inArray(applications.id, ids));
  const outcome: StateChangeOutcome = { changed: [], skipped: [] };
  for (const row of rows) {
    if (!canMove(row.state, change.to)) {
      outcome.skipped.push({
        id: row.id,
        reference: row.reference,
        reason: `cannot go from ${STATE_LABELS[row.state]} to ${STATE_LABELS[change.to]}`,
      });
      continue;
    }
    await tx
      .update(applications)
      .set({
        state: change.to,
        closedReason: change.to === "closed" ? (change.closedReason ?? null) : null,
        acknowledgedOn:
          change.to === "acknowledged"
            ? sql`coalesce(${applications.acknowledgedOn}, ${today()}::date)`
            : undefined,
        chaseOn: change.to === "awaiting_information" ? (change.chaseOn ?? null) : undefined,
        updatedAt: new Date(),
        version: sql`${applications.version} + 1`,
      })
      .where(and(eq(applications.id, row.id), eq(applications.state, row.state)));
    await recordAuditEvent(tx, actorOf(acting), {
      action: "application.state_changed",
      entityType: "application",
      entityId: row.id,
      subjectId: row.applicantId,
      organisationId: row.organisationId,
      details: { from: row.state, to: change.to, closedReason: change.closedReason ?? null },
    });
    outcome.changed.push(row.id);
  }
  const found = new Set(rows.map((r) => r.id));
  for (const id of ids)
    if (!found.has(id)) outcome.skipped.push({ id, reference: "", reason: "not found" });
  return outcome;
}

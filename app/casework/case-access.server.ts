import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { cases } from "~/db/schema";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

export type CaseRow = typeof cases.$inferSelect;

/**
 * The one way casework code opens a case: as row-level security lets the acting user see it
 * (a lead: every case of their project; a caseworker: the cases whose team they are on), and
 * only within their own project — network staff, who may read a case's stage, never reach its
 * working file through here. A case the user may not see is "not found", never "forbidden",
 * so that its existence does not leak.
 */
export async function openCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  if (!isId(caseId)) throw notFound("case");
  const query = tx.select().from(cases).where(eq(cases.id, caseId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row || !can(acting.viewer, "view:case:own", row.organisationId)) throw notFound("case");
  return row;
}

/** Whether the acting user leads the case's project (assigns the team, signs off, drafts). */
export function leadsCase(acting: Acting, c: CaseRow): boolean {
  return can(acting.viewer, "manage:case:own", c.organisationId);
}

export function mustLead(acting: Acting, c: CaseRow, what = "do this"): void {
  if (!leadsCase(acting, c)) throw forbidden(`Only the project's leads can ${what}.`);
}

/**
 * A closed case's file is read-only until a lead reopens it (docs/decisions/027-closing-a-case.md).
 * Every change to the file asks this first; the database refuses the write as well.
 */
export function mustBeOpen(c: CaseRow): void {
  if (c.stage === "closed")
    throw invalid("This case is closed: its file cannot change unless a lead reopens it.");
}

/** What every case page shows above its section: the reference, and whether it is closed. */
export function caseHeading(c: CaseRow): { id: string; reference: string; closed: boolean } {
  return { id: c.id, reference: c.reference, closed: c.stage === "closed" };
}

/**
 * Audits a view or change of a case's working file. The project cannot read the network's
 * applicant record, so the event names the case and its application instead of a subject id.
 */
export async function auditCase(
  tx: Queryable,
  acting: Acting,
  c: CaseRow,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAuditEvent(tx, actorOf(acting), {
    action,
    entityType: "case",
    entityId: c.id,
    organisationId: c.organisationId,
    details: { reference: c.reference, applicationId: c.applicationId, ...details },
  });
}

/** Marks the case as worked on now: the network's stale-case view counts from this. */
export async function touchCase(tx: Queryable, c: CaseRow): Promise<void> {
  await tx.update(cases).set({ lastActivityAt: new Date() }).where(eq(cases.id, c.id));
}

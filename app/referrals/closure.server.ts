import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  applications,
  caseDocuments,
  cases,
  documents,
  memberships,
  organisations,
  referralOffers,
} from "~/db/schema";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES, lockCase } from "./case-returns.server";

/** What closing a project affects: its open cases (with their handover notes) and offers. */
export async function closurePlan(tx: Queryable, projectId: string) {
  const [project] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, projectId), eq(organisations.kind, "project")));
  if (!project) throw notFound("project");
  const openCases = await tx
    .select({
      id: cases.id,
      reference: cases.reference,
      applicantName: cases.applicant,
      stage: cases.stage,
      handoverNote: cases.handoverNote,
      applicationId: cases.applicationId,
    })
    .from(cases)
    .where(and(eq(cases.organisationId, projectId), inArray(cases.stage, [...ACTIVE_CASE_STAGES])));
  const openOffers = await tx
    .select({
      id: referralOffers.id,
      applicationId: referralOffers.applicationId,
      expiresOn: referralOffers.expiresOn,
    })
    .from(referralOffers)
    .where(and(eq(referralOffers.projectId, projectId), eq(referralOffers.status, "offered")));
  return {
    project,
    openCases: openCases.map((c) => ({ ...c, applicantName: c.applicantName.fullName })),
    openOffers,
  };
}

/**
 * The closing lead (or an administrator) writes the note that goes back to the network
 * with a case: where it stands, what was done, what to do next.
 */
export async function writeHandoverNote(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  note: string,
): Promise<void> {
  const c = await lockCase(tx, caseId);
  if (
    !can(acting.viewer, "respond:referral:own", c.organisationId) &&
    !can(acting.viewer, "manage:organisation:any")
  )
    throw forbidden("Only the project's leads or the network's administrators can write it.");
  if (c.stage === "closed")
    throw invalid("This case is closed: a lead must reopen it to change its handover note.");
  if (!note.trim()) throw invalid("Write the handover note.", { field: "note" });
  await tx
    .update(cases)
    .set({ handoverNote: note.trim(), updatedAt: new Date(), version: c.version + 1 })
    .where(eq(cases.id, caseId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "case.handover_note_written",
    entityType: "case",
    entityId: caseId,
    organisationId: c.organisationId,
  });
}

export interface ClosureOutcome {
  returnedCases: { caseId: string; applicationId: string; reference: string }[];
  withdrawnOffers: string[];
  endedMemberships: number;
}

/**
 * Closes a member project. Every open case needs a handover note (the lead's, or one given
 * here); each goes back to the network's referral queue with its note and its documents
 * (filed on the application as "from a project's case file"), its offers are withdrawn,
 * and the members' access ends on the closing day. Audited as a disclosure back to the
 * network. The applicants' letters are the caller's to send (one per returned case).
 */
export async function closeProject(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  input: { closedOn: string; notes: Record<string, string> },
): Promise<ClosureOutcome> {
  if (!can(acting.viewer, "manage:organisation:any"))
    throw forbidden("Only the network's administrators can close a project.");
  const plan = await closurePlan(tx, projectId);
  if (plan.project.status === "closed") throw invalid(`${plan.project.name} is already closed.`);
  const missing = plan.openCases.filter((c) => !(input.notes[c.id]?.trim() || c.handoverNote));
  if (missing.length > 0)
    throw invalid("Every open case needs a handover note before the project closes.", {
      // The form puts the refusal on the first note missing; `missing` names each of them.
      field: `notes.${missing[0]?.id}`,
      missing: missing.map((c) => ({
        field: `notes.${c.id}`,
        message: `Write the handover note for ${c.reference}`,
      })),
    });

  const withdrawnOffers: string[] = [];
  for (const o of plan.openOffers) {
    await tx
      .update(referralOffers)
      .set({ status: "withdrawn", withdrawnReason: "The project closed." })
      .where(eq(referralOffers.id, o.id));
    withdrawnOffers.push(o.id);
  }
  const returnedCases: ClosureOutcome["returnedCases"] = [];
  for (const c of plan.openCases) {
    const note = input.notes[c.id]?.trim() || c.handoverNote || "";
    await tx
      .update(cases)
      .set({
        stage: "returned_on_closure",
        handoverNote: note,
        endedReason: "The project closed.",
        endedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(cases.id, c.id));
    const [app] = await tx
      .select({ applicantId: applications.applicantId })
      .from(applications)
      .where(eq(applications.id, c.applicationId));
    const files = await tx.select().from(caseDocuments).where(eq(caseDocuments.caseId, c.id));
    if (app && files.length > 0)
      await tx.insert(documents).values(
        files.map((f) => ({
          applicationId: c.applicationId,
          applicantId: app.applicantId,
          kind: "case_file" as const,
          filename: f.filename,
          mediaType: f.mediaType,
          byteSize: f.byteSize,
          sha256: f.sha256,
          storageKey: f.storageKey,
          createdBy: acting.viewer.id,
        })),
      );
    await tx
      .update(applications)
      .set({ state: "awaiting_referral", updatedAt: new Date() })
      .where(and(eq(applications.id, c.applicationId), eq(applications.state, "referred")));
    await recordAuditEvent(tx, actorOf(acting), {
      action: "case.returned_on_closure",
      entityType: "case",
      entityId: c.id,
      subjectId: app?.applicantId ?? null,
      organisationId: projectId,
      details: {
        disclosure: true,
        disclosedTo: "network",
        applicationId: c.applicationId,
        reference: c.reference,
        documents: files.length,
      },
    });
    returnedCases.push({ caseId: c.id, applicationId: c.applicationId, reference: c.reference });
  }
  const ended = await tx
    .update(memberships)
    .set({ endsOn: input.closedOn })
    .where(
      and(
        eq(memberships.organisationId, projectId),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, input.closedOn)),
      ),
    )
    .returning({ id: memberships.id });
  await tx
    .update(organisations)
    .set({
      status: "closed",
      closedOn: input.closedOn,
      updatedAt: new Date(),
      version: plan.project.version + 1,
    })
    .where(eq(organisations.id, projectId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "organisation.closed",
    entityType: "organisation",
    entityId: projectId,
    organisationId: projectId,
    details: {
      closedOn: input.closedOn,
      returnedCases: returnedCases.map((c) => c.reference),
      withdrawnOffers: withdrawnOffers.length,
      endedMemberships: ended.length,
    },
  });
  return { returnedCases, withdrawnOffers, endedMemberships: ended.length };
}

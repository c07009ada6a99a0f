import { and, eq, inArray, isNull, type or } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { applicants, applications, cases, legalHolds, organisations } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import type { ErasureFacts, RecordLineage } from "../retention/rules";
import type { ErasureTarget } from "./target";

export interface ErasureScope {
  /** The organisation that controls the record. */
  organisationId: string;
  /** The applicant the record is about, for the audit trail's subject. */
  subjectId: string | null;
  lineage: RecordLineage;
  /** The applicants, applications and cases an erasure of the target removes. */
  removes: { applicantIds: string[]; applicationIds: string[]; caseIds: string[] };
  facts: Omit<ErasureFacts, "hold">;
  holds: (typeof legalHolds.$inferSelect)[];
}

/**
 * What an erasure of the target would remove, what sits above it, the holds on any of them
 * and the facts that may forbid it. Reads every organisation's rows: run with owner rights
 * (the caller has checked the officer may act for the record's organisation).
 */
export async function loadErasureScope(tx: Tx, target: ErasureTarget): Promise<ErasureScope> {
  let organisationId: string;
  let subjectId: string | null;
  let applicantIds: string[];
  let applicationIds: string[];
  const ancestorApplicants: string[] = [];
  const ancestorApplications: string[] = [];
  if (target.type === "applicant") {
    const [a] = await tx
      .select({ id: applicants.id, organisationId: applicants.organisationId })
      .from(applicants)
      .where(eq(applicants.id, target.id));
    if (!a) throw notFound("applicant");
    organisationId = a.organisationId;
    subjectId = a.id;
    // Duplicates merged into the applicant are the same person: they go with them.
    const merged = await tx
      .select({ id: applicants.id })
      .from(applicants)
      .where(eq(applicants.mergedIntoId, a.id));
    applicantIds = [a.id, ...merged.map((m) => m.id)];
    const apps = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(inArray(applications.applicantId, applicantIds));
    applicationIds = apps.map((r) => r.id);
  } else if (target.type === "application") {
    const [app] = await tx
      .select({
        organisationId: applications.organisationId,
        applicantId: applications.applicantId,
      })
      .from(applications)
      .where(eq(applications.id, target.id));
    if (!app) throw notFound("application");
    organisationId = app.organisationId;
    subjectId = app.applicantId;
    applicantIds = [];
    applicationIds = [target.id];
    ancestorApplicants.push(app.applicantId);
  } else {
    const [c] = await tx
      .select({
        organisationId: cases.organisationId,
        applicationId: cases.applicationId,
        applicantId: applications.applicantId,
      })
      .from(cases)
      .innerJoin(applications, eq(applications.id, cases.applicationId))
      .where(eq(cases.id, target.id));
    if (!c) throw notFound("case");
    organisationId = c.organisationId;
    subjectId = c.applicantId;
    applicantIds = [];
    applicationIds = [];
    ancestorApplicants.push(c.applicantId);
    ancestorApplications.push(c.applicationId);
  }
  const caseRows =
    target.type === "case"
      ? await caseFacts(tx, eq(cases.id, target.id))
      : applicationIds.length > 0
        ? await caseFacts(tx, inArray(cases.applicationId, applicationIds))
        : [];
  const openApplications =
    target.type === "case" || applicationIds.length === 0
      ? []
      : (
          await tx
            .select({ reference: applications.reference, state: applications.state })
            .from(applications)
            .where(inArray(applications.id, applicationIds))
        ).filter((a) => a.state !== "closed");
  const lineage: RecordLineage = {
    applicantIds: [...applicantIds, ...ancestorApplicants],
    applicationIds: [...applicationIds, ...ancestorApplications],
    caseIds: caseRows.map((c) => c.id),
  };
  const holdTargets = [...lineage.applicantIds, ...lineage.applicationIds, ...lineage.caseIds];
  const holds = await tx
    .select()
    .from(legalHolds)
    .where(and(inArray(legalHolds.targetId, holdTargets), isNull(legalHolds.releasedAt)));
  const own = (c: (typeof caseRows)[number]) => ({
    reference: c.reference,
    projectName: c.projectName,
  });
  return {
    organisationId,
    subjectId,
    lineage,
    removes: { applicantIds, applicationIds, caseIds: caseRows.map((c) => c.id) },
    facts: {
      // A case erased on its own is the project's to erase once it has closed.
      openCases: caseRows.filter((c) => c.endedAt === null).map(own),
      keptCases: target.type === "case" ? [] : caseRows.filter((c) => c.endedAt !== null).map(own),
      openApplications: openApplications.map((a) => ({ reference: a.reference })),
    },
    holds,
  };
}

async function caseFacts(tx: Tx, where: ReturnType<typeof or>) {
  return tx
    .select({
      id: cases.id,
      reference: cases.reference,
      endedAt: cases.endedAt,
      projectName: organisations.name,
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(where);
}

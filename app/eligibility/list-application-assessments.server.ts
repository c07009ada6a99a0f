import { desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { assessments } from "~/db/schema";
import { staffNames } from "./staff-names.server";
import { ASSESSABLE_STATES } from "./start-assessment.server";

export interface ApplicationAssessment {
  id: string;
  status: (typeof assessments.$inferSelect)["status"];
  recommendation: (typeof assessments.$inferSelect)["recommendation"];
  assessorId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * The assessments of one application, newest first, for the application's page (whose view
 * is audited there). Row-level security leaves out everything for those who may not see them.
 */
export async function listApplicationAssessments(
  tx: Queryable,
  applicationId: string,
): Promise<ApplicationAssessment[]> {
  const rows = await tx
    .select({
      id: assessments.id,
      status: assessments.status,
      recommendation: assessments.recommendation,
      assessorId: assessments.assessorId,
      createdAt: assessments.createdAt,
      decidedAt: assessments.decidedAt,
    })
    .from(assessments)
    .where(eq(assessments.applicationId, applicationId))
    .orderBy(desc(assessments.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/**
 * The "Assessments" panel of an application's page: its assessments, and whether the viewer
 * may take it for assessment now or open the assessment already under way.
 */
export async function assessmentsPanel(
  tx: Queryable,
  acting: Acting,
  application: { id: string; state: string; isDraft: boolean },
) {
  const list = await listApplicationAssessments(tx, application.id);
  const canAssess = can(acting.viewer, "assess:application:any");
  const open = list.find((a) => a.status !== "decided") ?? null;
  return {
    assessments: list,
    openAssessmentId: open?.id ?? null,
    canStartAssessment:
      canAssess &&
      !open &&
      !application.isDraft &&
      (ASSESSABLE_STATES as readonly string[]).includes(application.state),
    assessorNames: list.length > 0 ? await staffNames(tx) : {},
  };
}

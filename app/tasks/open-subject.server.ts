import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { openCase } from "~/casework/case-access.server";
import type { Queryable } from "~/db/database.server";
import { applications } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import type { TaskSubject } from "./task-subject";

/** An application or case opened for its tasks: whose it is, and what to call it. */
export interface OpenSubject {
  subject: TaskSubject;
  organisationId: string;
  reference: string;
  /** The application's applicant: the data subject of its tasks (null on a case: ADR 021). */
  applicantId: string | null;
  /** The case's application, for the audit trail (null on an application). */
  applicationId: string;
  /** A closed case: its tasks can be marked done, but no new one is set (ADR 027). */
  closed: boolean;
}

/**
 * Opens the application or case a task is about, as the viewer may see it: a case through
 * `openCase` (its leads and team), an application for network staff who view applications.
 * One the viewer cannot see is "not found".
 */
export async function openTaskSubject(
  tx: Queryable,
  acting: Acting,
  subject: TaskSubject,
): Promise<OpenSubject> {
  if (subject.kind === "case") {
    const c = await openCase(tx, acting, subject.id);
    return {
      subject,
      organisationId: c.organisationId,
      reference: c.reference,
      applicantId: null,
      applicationId: c.applicationId,
      closed: c.stage === "closed",
    };
  }
  if (!isId(subject.id) || !can(acting.viewer, "view:application:any"))
    throw notFound("application");
  const [a] = await tx
    .select({
      id: applications.id,
      organisationId: applications.organisationId,
      reference: applications.reference,
      applicantId: applications.applicantId,
    })
    .from(applications)
    .where(eq(applications.id, subject.id));
  if (!a || !can(acting.viewer, "view:application:any", a.organisationId))
    throw notFound("application");
  return {
    subject,
    organisationId: a.organisationId,
    reference: a.reference,
    applicantId: a.applicantId,
    applicationId: a.id,
    closed: false,
  };
}

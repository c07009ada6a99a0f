import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { type Questionnaire, QuestionnaireSchema } from "../questionnaire";
import { sectionByKey } from "./sections";

export interface SaveSectionInput {
  section: string;
  /** This section's answers; an answer left empty is removed. */
  answers: Record<string, string | undefined>;
  /** The application's version the page was loaded at. */
  version: number;
}

/**
 * Saves one section of the questionnaire into the application, keeping every other
 * section's answers (letters rarely answer everything, and entry takes several sittings).
 * Offence, court and conviction date are kept in their columns for co-defendant matching.
 * If anyone saved the application since the page was loaded, nothing is overwritten.
 */
export async function saveQuestionnaireSection(
  tx: Queryable,
  acting: Acting,
  applicationId: string,
  input: SaveSectionInput,
): Promise<{ version: number; changed: string[] }> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can enter applications.");
  const section = sectionByKey(input.section);
  if (!section) throw notFound("section of the questionnaire");
  if (!isId(applicationId)) throw notFound("application");
  const [current] = await tx
    .select({
      questionnaire: applications.questionnaire,
      version: applications.version,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
      dateOfBirth: applicants.dateOfBirth,
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .where(eq(applications.id, applicationId));
  if (!current) throw notFound("application");
  if (current.version !== input.version) {
    throw conflict(
      "Someone else saved this application while you were entering it. Their answers are shown below; your answers are still in the form: check them and save again.",
    );
  }
  const merged: Questionnaire = { ...(current.questionnaire as Questionnaire) };
  const changed: string[] = [];
  for (const q of section.questions) {
    const answer = input.answers[q.name]?.trim() || undefined;
    if ((merged[q.name] ?? undefined) !== answer) changed.push(q.name);
    if (answer === undefined) delete merged[q.name];
    else merged[q.name] = answer;
  }
  // Only this section's answers are judged: an older answer elsewhere (an import, say)
  // must not stop this page being saved.
  const checked = QuestionnaireSchema.safeParse(merged);
  const issue = checked.error?.issues.find((i) =>
    section.questions.some((q) => q.name === i.path[0]),
  );
  if (issue) throw invalid(issue.message, { field: String(issue.path[0]) });
  for (const name of ["offenceDate", "convictionDate"] as const) {
    const date = merged[name];
    if (date && current.dateOfBirth && date < current.dateOfBirth) {
      throw invalid(
        name === "convictionDate"
          ? `The conviction cannot be before the applicant's date of birth (${current.dateOfBirth})`
          : `The offence cannot be before the applicant's date of birth (${current.dateOfBirth})`,
        { field: name },
      );
    }
  }
  const [row] = await tx
    .update(applications)
    .set({
      questionnaire: merged,
      offence: merged.offences ?? null,
      court: merged.court ?? null,
      convictionDate: merged.convictionDate ?? null,
      updatedAt: new Date(),
      version: sql`${applications.version} + 1`,
    })
    .where(and(eq(applications.id, applicationId), eq(applications.version, input.version)))
    .returning({ version: applications.version });
  if (!row) throw conflict("Someone else saved this application at the same moment: save again.");
  if (changed.length > 0) {
    await recordAuditEvent(tx, actorOf(acting), {
      action: "application.updated",
      entityType: "application",
      entityId: applicationId,
      subjectId: current.applicantId,
      organisationId: current.organisationId,
      // The names of the questions answered, not the answers: the trail is not a second file.
      details: { section: section.key, changed },
    });
  }
  return { version: row.version, changed };
}

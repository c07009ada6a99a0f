import { and, inArray, ne } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { applications, assessments } from "~/db/schema";
import { AppError, invalid } from "~/errors/app-error";
import { STATE_LABELS } from "~/intake/transitions";
import { requireAssess } from "../guard";
import { handOverAssessment, listAssessors } from "../hand-over.server";
import { ASSESSABLE_STATES, startAssessment } from "../start-assessment.server";

export interface AssignOutcome {
  /** Applications whose assessment was started for the assessor. */
  started: { id: string; reference: string }[];
  /** Applications whose open assessment was handed to the assessor. */
  handedOver: { id: string; reference: string }[];
  skipped: { id: string; reference: string; reason: string }[];
  assessorName: string;
}

/**
 * Gives the selected applications to one assessor: an application nobody has started is
 * taken for assessment in their name; an open assessment is handed over to them. Each goes
 * through startAssessment or handOverAssessment, so each is audited as if done one by one.
 * What cannot be assigned (decided, not yet ready, a draft entry, already theirs) is skipped
 * with the reason; one refusal does not undo the others (each runs in its own savepoint).
 */
export async function assignAssessments(
  tx: Queryable,
  acting: Acting,
  ids: string[],
  assessorId: string,
): Promise<AssignOutcome> {
  requireAssess(acting);
  const assessor = (await listAssessors(tx)).find((s) => s.id === assessorId);
  if (!assessor)
    throw invalid("Choose someone who can assess applications.", { field: "assessorId" });
  const outcome: AssignOutcome = {
    started: [],
    handedOver: [],
    skipped: [],
    assessorName: assessor.name,
  };
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return outcome;
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      isDraft: applications.isDraft,
    })
    .from(applications)
    .where(inArray(applications.id, unique))
    .orderBy(applications.receivedOn, applications.id);
  const open = await tx
    .select({
      id: assessments.id,
      applicationId: assessments.applicationId,
      assessorId: assessments.assessorId,
    })
    .from(assessments)
    .where(and(inArray(assessments.applicationId, unique), ne(assessments.status, "decided")));
  const openFor = new Map(open.map((o) => [o.applicationId, o]));

  for (const row of rows) {
    const item = { id: row.id, reference: row.reference };
    const current = openFor.get(row.id);
    const skip = (reason: string) => outcome.skipped.push({ ...item, reason });
    if (current?.assessorId === assessorId) {
      skip(`${assessor.name} is already assessing it`);
      continue;
    }
    if (!current) {
      if (row.isDraft) {
        skip("its entry is incomplete");
        continue;
      }
      if (!(ASSESSABLE_STATES as readonly string[]).includes(row.state)) {
        skip(`it is ${STATE_LABELS[row.state].toLowerCase()}, not ready for assessment`);
        continue;
      }
    }
    try {
      // A savepoint each: a refusal part-way leaves the others as they were done.
      await tx.transaction(async (sp) => {
        if (current) await handOverAssessment(sp, acting, current.id, { assessorId });
        else await startAssessment(sp, acting, row.id, { assessorId });
      });
      (current ? outcome.handedOver : outcome.started).push(item);
    } catch (error) {
      if (error instanceof AppError && error.code !== "FORBIDDEN") skip(error.message);
      else throw error;
    }
  }
  const found = new Set(rows.map((r) => r.id));
  for (const id of unique)
    if (!found.has(id)) outcome.skipped.push({ id, reference: "", reason: "not found" });
  return outcome;
}

import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { dataSubjectRequestItems } from "~/db/schema";
import { erasureRefusalOf } from "../erasure/erasure-refusal.server";
import type { ErasureTarget } from "../erasure/target";
import type { SubjectRequest } from "./require-request.server";

/**
 * What erasure would reach: the network's applicant records of the person (with their
 * applications), or a project's case files of its client — the person's own records found
 * for the request, and the applicant the request is linked to.
 */
export async function erasureTargets(tx: Tx, request: SubjectRequest): Promise<ErasureTarget[]> {
  const items = await tx
    .select({ itemType: dataSubjectRequestItems.itemType, itemId: dataSubjectRequestItems.itemId })
    .from(dataSubjectRequestItems)
    .where(
      and(
        eq(dataSubjectRequestItems.requestId, request.id),
        eq(dataSubjectRequestItems.foundAs, "subject"),
        inArray(dataSubjectRequestItems.itemType, ["applicant", "case"]),
      ),
    );
  const targets = new Map<string, ErasureTarget>();
  for (const i of items)
    targets.set(i.itemId, { type: i.itemType as ErasureTarget["type"], id: i.itemId });
  if (request.applicantId && !targets.has(request.applicantId))
    targets.set(request.applicantId, { type: "applicant", id: request.applicantId });
  return [...targets.values()];
}

/**
 * Why the person's records must be kept, or null when erasure may go ahead: the retention
 * sweep's own reasons (app/data-protection/erasure/) — a legal hold, a case still open at a
 * project, an application not closed — for each record erasure would reach.
 */
export async function erasureRefusal(tx: Tx, request: SubjectRequest): Promise<string | null> {
  const reasons: string[] = [];
  for (const target of await erasureTargets(tx, request)) {
    const refusal = await erasureRefusalOf(tx, target);
    if (refusal && !reasons.includes(refusal)) reasons.push(refusal);
  }
  return reasons.length ? `The records must be kept: ${reasons.join("; ")}.` : null;
}

import { desc, eq, inArray } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { applications, cases, legalHolds, users } from "~/db/schema";
import { today } from "~/shared/dates";
import { requireController } from "../controller";
import { withOwnerRights } from "../owner-rights.server";
import { holdInForce } from "../retention/rules";

/**
 * The organisation's holds, standing ones first, each with the record it holds named by its
 * reference (never the person's name) and who placed it.
 */
export async function listHolds(tx: Tx, acting: Acting) {
  const organisationId = requireController(acting);
  const rows = await tx
    .select({
      hold: legalHolds,
      placedByName: users.name,
    })
    .from(legalHolds)
    .innerJoin(users, eq(users.id, legalHolds.placedBy))
    .where(eq(legalHolds.organisationId, organisationId))
    .orderBy(desc(legalHolds.placedAt));
  const ids = rows.map((r) => r.hold.targetId);
  const references = await withOwnerRights(tx, async () => {
    if (ids.length === 0) return new Map<string, string>();
    const apps = await tx
      .select({
        id: applications.id,
        applicantId: applications.applicantId,
        reference: applications.reference,
      })
      .from(applications)
      .where(inArray(applications.id, ids));
    const ofApplicants = await tx
      .select({ applicantId: applications.applicantId, reference: applications.reference })
      .from(applications)
      .where(inArray(applications.applicantId, ids));
    const caseRows = await tx
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(inArray(cases.id, ids));
    const map = new Map<string, string>();
    for (const a of apps) map.set(a.id, `Application ${a.reference}`);
    for (const a of ofApplicants)
      map.set(
        a.applicantId,
        map.has(a.applicantId)
          ? `${map.get(a.applicantId)}, ${a.reference}`
          : `Applicant of ${a.reference}`,
      );
    for (const c of caseRows) map.set(c.id, `Case ${c.reference}`);
    return map;
  });
  const on = today();
  const holds = rows.map(({ hold, placedByName }) => ({
    id: hold.id,
    targetType: hold.targetType,
    label: references.get(hold.targetId) ?? "A record since erased",
    reason: hold.reason,
    until: hold.until,
    placedByName,
    placedOn: hold.placedAt.toISOString().slice(0, 10),
    inForce: holdInForce(hold, on),
    releasedOn: hold.releasedAt?.toISOString().slice(0, 10) ?? null,
    releaseReason: hold.releaseReason,
  }));
  return { organisationId, holds };
}

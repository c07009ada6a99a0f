import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { findLikelyMatches, type LikelyMatch } from "../likely-matches.server";

/**
 * The people already on file who may be the applicant being entered: same or similar name
 * (aliases included), same date of birth, same prisoner number. Showing them shows
 * personal data, so the search is audited (without the names searched for).
 */
export async function findEntryMatches(
  tx: Queryable,
  acting: Acting,
  details: {
    fullName: string;
    aliases?: string[];
    dateOfBirth?: string | null;
    prisonerNumber?: string | null;
  },
): Promise<LikelyMatch[]> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can record applications.");
  const matches = await findLikelyMatches(tx, {
    fullName: details.fullName,
    aliases: details.aliases,
    dateOfBirth: details.dateOfBirth ?? null,
    prisonerNumber: details.prisonerNumber ?? null,
  });
  for (const m of matches) {
    await recordAuditEvent(tx, actorOf(acting), {
      action: "applicant.matched",
      entityType: "applicant",
      entityId: m.applicantId,
      subjectId: m.applicantId,
      details: { reasons: m.reasons, context: "postal entry" },
    });
  }
  return matches;
}

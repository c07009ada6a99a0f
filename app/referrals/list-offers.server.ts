import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { organisations, referralOffers } from "~/db/schema";
import type { OFFER_STATUSES } from "~/db/schema/referrals";
import { forbidden } from "~/errors/app-error";
import { offerProjectIds } from "./project-scope";

export interface OfferListItem {
  id: string;
  projectName: string;
  status: (typeof OFFER_STATUSES)[number];
  reference: string | null;
  /** Shown while the offer is open and once the case is the project's; not after a refusal. */
  applicantName: string | null;
  offeredOn: string;
  expiresOn: string;
  respondedOn: string | null;
  caseId: string | null;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The offers made to the projects the user leads: open ones first (soonest expiry first),
 * then those answered, lapsed or withdrawn (latest first). The case's reference and
 * applicant come through app_offer_case, which checks the permission itself.
 */
export async function listOffers(
  tx: Queryable,
  acting: Acting,
): Promise<{ open: OfferListItem[]; answered: OfferListItem[] }> {
  const projects = offerProjectIds(acting.viewer);
  if (projects.length === 0) throw forbidden("Only a project's leads see the offers made to it.");
  const caseOf = sql`app_offer_case(${referralOffers.id})`;
  const columns = {
    id: referralOffers.id,
    projectName: organisations.name,
    status: referralOffers.status,
    reference: sql<string | null>`${caseOf}->>'reference'`,
    applicantName: sql<string | null>`${caseOf}->'applicant'->>'fullName'`,
    offeredAt: referralOffers.offeredAt,
    expiresOn: referralOffers.expiresOn,
    respondedAt: referralOffers.respondedAt,
    caseId: referralOffers.caseId,
  };
  const mine = inArray(referralOffers.projectId, projects);
  const open = await tx
    .select(columns)
    .from(referralOffers)
    .innerJoin(organisations, eq(organisations.id, referralOffers.projectId))
    .where(and(mine, eq(referralOffers.status, "offered")))
    .orderBy(asc(referralOffers.expiresOn), asc(referralOffers.offeredAt));
  const answered = await tx
    .select(columns)
    .from(referralOffers)
    .innerJoin(organisations, eq(organisations.id, referralOffers.projectId))
    .where(and(mine, ne(referralOffers.status, "offered")))
    .orderBy(
      desc(sql`coalesce(${referralOffers.respondedAt}, ${referralOffers.offeredAt})`),
      desc(referralOffers.offeredAt),
    )
    .limit(200);
  const shape = (r: (typeof open)[number]): OfferListItem => ({
    id: r.id,
    projectName: r.projectName,
    status: r.status,
    reference: r.reference,
    applicantName: r.status === "offered" || r.status === "accepted" ? r.applicantName : null,
    offeredOn: day(r.offeredAt) ?? "",
    expiresOn: r.expiresOn,
    respondedOn: day(r.respondedAt),
    caseId: r.caseId,
  });
  return { open: open.map(shape), answered: answered.map(shape) };
}

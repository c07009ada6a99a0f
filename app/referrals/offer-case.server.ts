import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import type { PRIORITIES } from "~/db/schema/eligibility";
import { notFound } from "~/errors/app-error";
import type { Jurisdiction } from "~/letters/letter-content";
import { type ApplicantAccount, accountOf } from "./applicant-account";

/** The case as offered, read through app_offer_case (drizzle/0016): what a project's lead may see. */
export interface OfferCase {
  reference: string;
  receivedOn: string;
  applicant: {
    fullName: string;
    aliases: string[];
    dateOfBirth: string | null;
    prisonerNumber: string | null;
    otherPrisonerNumber: string | null;
    establishment: string | null;
    postalAddress: string | null;
    largePrint: boolean;
    language: string | null;
    legalCorrespondence: boolean;
  };
  establishment: {
    name: string;
    addressLines: string[];
    postcode: string | null;
    jurisdiction: Jurisdiction;
  } | null;
  conviction: Record<string, unknown> & {
    offences: string | null;
    jurisdiction: string | null;
    courtName: string | null;
    convictionDate: string | null;
  };
  /** The applicant's own account, when the coordinator sent it with the offer. */
  account: ApplicantAccount | null;
  lines: {
    category: string;
    description: string;
    rationale: string;
    priority: (typeof PRIORITIES)[number];
  }[];
  network: { name: string; returnAddress: string[] };
}

export async function loadOfferCase(tx: Queryable, offerId: string): Promise<OfferCase> {
  const [row] = await queryRows<{ data: OfferCase | null }>(
    tx,
    sql`select app_offer_case(${offerId}::uuid) as data`,
  );
  if (!row?.data) throw notFound("offer");
  return { ...row.data, account: accountOf(row.data.account) };
}

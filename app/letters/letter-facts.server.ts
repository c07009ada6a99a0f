import { eq, inArray } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, establishments } from "~/db/schema";
import type { ApplicationState } from "~/intake/transitions";
import { getNetworkSettings, networkName } from "~/settings/network-settings.server";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { deliveryAddress, type LetterFacts } from "./letter-content";

/** One application as letters see it: who it is about, where it stands, and the merge facts. */
export interface LetterSubject {
  applicationId: string;
  applicantId: string;
  organisationId: string;
  reference: string;
  state: ApplicationState;
  isDraft: boolean;
  establishmentId: string | null;
  facts: LetterFacts;
  address: { lines: string[]; complete: boolean };
}

/** The letter facts of these applications, as of `date`; ids not found are left out. */
export async function loadLetterSubjects(
  tx: Queryable,
  ids: readonly string[],
  date: string = today(),
): Promise<LetterSubject[]> {
  const wanted = ids.filter(isId);
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({
      applicationId: applications.id,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
      reference: applications.reference,
      state: applications.state,
      isDraft: applications.isDraft,
      receivedOn: applications.receivedOn,
      applicant: {
        name: applicants.fullName,
        prisonerNumber: applicants.prisonerNumber,
        otherPrisonerNumber: applicants.otherPrisonerNumber,
        postalAddress: applicants.postalAddress,
        largePrint: applicants.largePrint,
        legalCorrespondence: applicants.legalCorrespondence,
        language: applicants.language,
        establishmentId: applicants.currentEstablishmentId,
      },
      establishment: {
        name: establishments.name,
        addressLines: establishments.addressLines,
        postcode: establishments.postcode,
        jurisdiction: establishments.jurisdiction,
      },
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .leftJoin(establishments, eq(establishments.id, applicants.currentEstablishmentId))
    .where(inArray(applications.id, wanted));
  const settings = await getNetworkSettings(tx);
  const name = await networkName(tx);
  return rows.map((r) => {
    const { establishmentId, ...applicant } = r.applicant;
    const facts: LetterFacts = {
      applicant,
      establishment: r.establishment?.name ? r.establishment : null,
      application: { reference: r.reference, receivedOn: r.receivedOn },
      network: { name, returnAddress: settings.returnAddress },
      date,
    };
    return {
      applicationId: r.applicationId,
      applicantId: r.applicantId,
      organisationId: r.organisationId,
      reference: r.reference,
      state: r.state,
      isDraft: r.isDraft,
      establishmentId,
      facts,
      address: deliveryAddress(facts),
    };
  });
}

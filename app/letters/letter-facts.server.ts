import { eq, inArray } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, establishments, representatives } from "~/db/schema";
import type { ApplicationState } from "~/intake/transitions";
import { getNetworkSettings, networkName } from "~/settings/network-settings.server";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import type { LetterCopy } from "./copies";
import { deliveryAddress, type LetterFacts, splitAddress } from "./letter-content";
import type { LetterCondition } from "./templates";

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
  /** Who gets a copy of letters to the applicant, by post (decision 022). */
  copies?: LetterCopy[];
}

type Rep = typeof representatives.$inferSelect;

/**
 * How the application came, for the letters' first words: an application made online by
 * someone for the applicant names them; one made by the applicant online thanks them for it.
 */
function howItCame(
  channel: string,
  submittedBy: Record<string, unknown> | null,
  reps: readonly Rep[],
): { condition: LetterCondition | null; madeBy: string | null } {
  if (channel === "online") return { condition: "online_self", madeBy: null };
  if (channel === "representative" && submittedBy?.applyingFor === "behalf") {
    const rep = reps.find((r) => r.id === submittedBy.representativeId);
    const name = rep?.name ?? (typeof submittedBy.name === "string" ? submittedBy.name : null);
    if (name) return { condition: "online_for_you", madeBy: name };
  }
  return { condition: null, madeBy: null };
}

/** The representatives authorised to receive everything who can be posted a copy. */
function copiesFor(reps: readonly Rep[]): LetterCopy[] {
  return reps
    .filter((r) => r.authorisedToReceive === "everything")
    .map((r) => ({ name: r.name, addressLines: splitAddress(r.address ?? "") }))
    .filter((c) => c.addressLines.length > 0);
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
      channel: applications.channel,
      submittedBy: applications.submittedBy,
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
  const applicantIds = [...new Set(rows.map((r) => r.applicantId))];
  const reps = applicantIds.length
    ? await tx
        .select()
        .from(representatives)
        .where(inArray(representatives.applicantId, applicantIds))
        .orderBy(representatives.createdAt)
    : [];
  const settings = await getNetworkSettings(tx);
  const name = await networkName(tx);
  return rows.map((r) => {
    const { establishmentId, ...applicant } = r.applicant;
    const theirs = reps.filter((p) => p.applicantId === r.applicantId);
    const came = howItCame(r.channel, r.submittedBy, theirs);
    const facts: LetterFacts = {
      applicant,
      establishment: r.establishment?.name ? r.establishment : null,
      application: { reference: r.reference, receivedOn: r.receivedOn, madeBy: came.madeBy },
      network: { name, returnAddress: settings.returnAddress },
      date,
      extras: { conditions: came.condition ? [came.condition] : [] },
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
      copies: copiesFor(theirs),
    };
  });
}

import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { asSystem, asUser, type Db } from "~/db/database.server";
import { assessments } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import {
  decideEligible,
  establishmentIdOf,
  type ReferralPeople,
  recordReadyApplication,
} from "./referral-scenario";
import { tinyPdf } from "./scans";

/** What the family wrote in the questionnaire: the applicant's own account. */
export const FAMILY_ACCOUNT = {
  offences: "Murder",
  court: "High Court of Justiciary, Glasgow",
  convictionDate: "2016-11-03",
  sentence: "Life imprisonment, punishment part 16 years",
  plea: "not_guilty",
  appealHistory:
    "Appeal against conviction refused by the High Court of Justiciary (Appeal Court) on 14 March 2018.",
  appealFailureReasons:
    "The court held that the identification evidence was properly left to the jury.",
  whyWrong:
    "Callum was at his sister's flat in Dennistoun all evening.\nShe told the police so on the night.",
  alibi: "His sister Morag and her neighbour.",
} as const;

export const SCOTTISH_PRISONER_NUMBER = "0123456";

export interface ScottishCase {
  applicationId: string;
  reference: string;
  fullName: string;
  assessmentId: string;
  /** Filed on the application: the family's covering letter and a scanned statement. */
  letterId: string;
  scanId: string;
}

/**
 * A Scottish application decided eligible through the real path: the family's questionnaire
 * names the High Court of Justiciary and a 2018 appeal, the prisoner number is a Scottish one
 * (kept as the "other" number) at HMP Barlinnie, and the assessor records the court but no
 * jurisdiction, leaving the court's name to imply it. A letter and a scan are filed on it.
 */
export async function createScottishEligibleCase(
  db: Db,
  people: ReferralPeople,
  store: DocumentStore,
): Promise<ScottishCase> {
  const fullName = `Callum Rennie${randomBytes(3).toString("hex")}`;
  const recorded = await recordReadyApplication(db, people.intake, {
    applicant: {
      fullName,
      otherPrisonerNumber: SCOTTISH_PRISONER_NUMBER,
      establishmentId: await establishmentIdOf(db, "HMP Barlinnie"),
    },
    channel: "online",
    receivedOn: "2026-03-02",
    questionnaire: { ...FAMILY_ACCOUNT },
  });
  const assessmentId = await decideEligible(db, people.assessor, store, recorded.applicationId, {
    couldBeInnocent: "yes",
    couldBeInnocentReasons: "An alibi witness was never called.",
    canBeInvestigated: "yes",
    canBeInvestigatedReasons: "The sister and her neighbour can be traced.",
    offences: "Murder",
    courtName: "High Court of Justiciary",
    lines: [{ category: "witness", description: "Trace the alibi witnesses", priority: "high" }],
  });
  const { intake } = people;
  const file = (kind: "letter_in" | "scan", filename: string, text: string) =>
    asUser(db, intake.id, (tx) =>
      storeDocument(tx, intake.acting, store, {
        applicationId: recorded.applicationId,
        kind,
        filename,
        bytes: tinyPdf(text),
      }),
    );
  const letter = await file("letter_in", "family-letter.pdf", "Letter from Morag Rennie");
  const scan = await file("scan", "trial-notes.pdf", "Notes of the trial");
  return {
    applicationId: recorded.applicationId,
    reference: recorded.reference,
    fullName,
    assessmentId,
    letterId: letter.documentId,
    scanId: scan.documentId,
  };
}

/** The assessment's conviction as saved: for checking what the court's name implied. */
export async function savedConviction(db: Db, assessmentId: string) {
  const [a] = await asSystem(db, (tx) =>
    tx
      .select({
        courtName: assessments.courtName,
        courtType: assessments.courtType,
        jurisdiction: assessments.jurisdiction,
      })
      .from(assessments)
      .where(eq(assessments.id, assessmentId)),
  );
  return a;
}

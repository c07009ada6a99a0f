import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { asSystem, asUser, type Db } from "~/db/database.server";
import { applications, establishments } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { loadAssessment } from "~/eligibility/load-assessment.server";
import { recommend } from "~/eligibility/recommend.server";
import { recordDecision } from "~/eligibility/record-decision.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema, RecommendationSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { storeDocument } from "~/intake/entry/store-document.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { recordApplication } from "~/intake/record-application.server";
import { createMailer, type Mailer } from "~/mail/mailer.server";
import type { Context } from "~/referrals/offers.server";
import { createNetwork, createOrganisation, createUser, type TestUser } from "./factories";
import { tinyPdf } from "./scans";

/**
 * The people of a referral: the network's staff, and two member projects each with a lead
 * (the second with a caseworker too). Every test file makes its own.
 */
export interface ReferralPeople {
  networkId: string;
  intake: TestUser;
  assessor: TestUser;
  coordinator: TestUser;
  administrator: TestUser;
  first: { id: string; name: string; lead: TestUser };
  second: { id: string; name: string; lead: TestUser; caseworker: TestUser };
}

export async function createReferralPeople(db: Db): Promise<ReferralPeople> {
  const network = await createNetwork(db);
  const on = (
    organisationId: string,
    roleKey: Parameters<typeof createUser>[1][number]["roleKey"],
  ) => createUser(db, [{ organisationId, roleKey }]);
  const tag = randomBytes(3).toString("hex");
  const first = await createOrganisation(db, { name: `Ashdown Innocence Project ${tag}` });
  const second = await createOrganisation(db, { name: `Glenmorra Justice Project ${tag}` });
  return {
    networkId: network.id,
    intake: await on(network.id, "intake_officer"),
    assessor: await on(network.id, "assessor"),
    coordinator: await on(network.id, "referral_coordinator"),
    administrator: await on(network.id, "administrator"),
    first: { id: first.id, name: first.name, lead: await on(first.id, "project_lead") },
    second: {
      id: second.id,
      name: second.name,
      lead: await on(second.id, "project_lead"),
      caseworker: await on(second.id, "caseworker"),
    },
  };
}

export const LINES = [
  { category: "forensic_retesting", description: "Test the jacket for DNA", priority: "high" },
  { category: "witness", description: "Trace the second witness", priority: "medium" },
  { category: "other", description: "Obtain the custody record", priority: "low" },
] as const;

export interface EligibleCase {
  applicationId: string;
  applicantId: string;
  reference: string;
  fullName: string;
  /** A scan filed on the application, for the case pack. */
  documentId: string;
  packBytes: Buffer;
}

/**
 * An application decided eligible through the real assessment path (recorded, assessed
 * with three lines of investigation, recommended and decided), now awaiting referral, with
 * one scanned PDF filed on it. The applicant asked for large print; legal correspondence is
 * the default.
 */
export async function createEligibleCase(
  db: Db,
  people: ReferralPeople,
  store: DocumentStore,
): Promise<EligibleCase> {
  const { intake } = people;
  const fullName = `Dafydd Zed${randomBytes(3).toString("hex")}`;
  const recorded = await recordReadyApplication(db, intake, {
    applicant: {
      fullName,
      prisonerNumber: "A4321ZX",
      establishmentId: await establishmentIdOf(db, "HMP/YOI Altcourse"),
      largePrint: true,
    },
    channel: "post",
    receivedOn: "2026-02-10",
    questionnaire: { offences: "Robbery", convictionDate: "2019-06-14" },
  });
  await decideEligible(db, people.assessor, store, recorded.applicationId, {
    couldBeInnocent: "yes",
    couldBeInnocentReasons: "The only identification was made at night from 40 metres.",
    canBeInvestigated: "yes",
    canBeInvestigatedReasons: "The jacket was kept and has never been tested for DNA.",
    jurisdiction: "england_wales",
    offences: "Robbery",
    lines: LINES,
  });
  const packBytes = tinyPdf("Witness statement of the second witness");
  const scan = await asUser(db, intake.id, (tx) =>
    storeDocument(tx, intake.acting, store, {
      applicationId: recorded.applicationId,
      kind: "scan",
      filename: "witness-statement.pdf",
      bytes: packBytes,
    }),
  );
  return {
    applicationId: recorded.applicationId,
    applicantId: recorded.applicantId,
    reference: recorded.reference,
    fullName,
    documentId: scan.documentId,
    packBytes,
  };
}

/** An establishment of the register (loaded on first use), by name. */
export async function establishmentIdOf(db: Db, name: string): Promise<string> {
  if ((await db.select({ id: establishments.id }).from(establishments).limit(1)).length === 0)
    await loadEstablishments(db);
  const [found] = await db
    .select({ id: establishments.id })
    .from(establishments)
    .where(eq(establishments.name, name));
  if (!found) throw new Error(`${name} is not in the register`);
  return found.id;
}

/** An application recorded by intake and acknowledged, ready for assessment. */
export async function recordReadyApplication(
  db: Db,
  intake: TestUser,
  input: {
    applicant: Record<string, unknown>;
    channel: "post" | "online";
    receivedOn: string;
    questionnaire: Record<string, string>;
  },
) {
  const recorded = await asUser(db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      { ...input, applicant: ApplicantSchema.parse(input.applicant) },
    ),
  );
  await asSystem(db, (tx) =>
    tx
      .update(applications)
      .set({ state: "ready_for_assessment", acknowledgedOn: input.receivedOn })
      .where(eq(applications.id, recorded.applicationId)),
  );
  return recorded;
}

/** Assessed by `assessor` with `answers`, recommended eligible and decided; returns the assessment. */
export async function decideEligible(
  db: Db,
  assessor: TestUser,
  store: DocumentStore,
  applicationId: string,
  answers: Record<string, unknown>,
): Promise<string> {
  return asUser(db, assessor.id, async (tx) => {
    const { id } = await startAssessment(tx, assessor.acting, applicationId);
    const saved = await saveAssessment(
      tx,
      assessor.acting,
      id,
      AssessmentSchema.parse({ version: 1, ...answers }),
    );
    const recommended = await recommend(
      tx,
      assessor.acting,
      id,
      RecommendationSchema.parse({ version: saved.version, recommendation: "eligible" }),
    );
    if (recommended.status !== "agreed") throw new Error(`assessment is ${recommended.status}`);
    const { assessment } = await loadAssessment(tx, id);
    await recordDecision(tx, assessor.acting, store, id, {
      version: assessment.version,
      largePrint: true,
      includeNotes: false,
    });
    return id;
  });
}

/** What the referral functions need besides the transaction: mail goes to the outbox. */
export function referralContext(db: Db): Context & { mailer: Mailer } {
  return {
    mailer: createMailer({ smtpUrl: undefined, from: "Clearname <test@clearname.invalid>", db }),
    publicUrl: "http://clearname.test",
  };
}

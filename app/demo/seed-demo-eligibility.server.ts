import { eq, inArray, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import {
  applications,
  assessmentReviews,
  assessments,
  correspondence,
  establishments,
} from "~/db/schema";
import { recommend } from "~/eligibility/recommend.server";
import { reviewRecommendation } from "~/eligibility/review.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema, RecommendationSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { recordApplication } from "~/intake/record-application.server";
import { actingAs } from "./acting-as.server";
import {
  CRESSIDA_ASSESSMENT,
  DECIDED,
  DEMO_ELIGIBILITY_APPLICATIONS,
  DORIAN_ASSESSMENT,
  DRAFT,
  type EligibilityApplication,
  EUAN_ASSESSMENT,
  IN_REVIEW,
  REFERRED,
  SCOTTISH,
  URGENT,
} from "./demo-eligibility-applications";

const DAY = 86_400_000;
const isoDaysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Records one application, acknowledged and ready for assessment, as the intake seed would. */
async function recordReady(
  tx: Tx,
  intakeUserId: string,
  prisons: Map<string, string>,
  a: EligibilityApplication,
) {
  const recorded = await recordApplication(
    tx,
    { userId: intakeUserId },
    {
      applicant: ApplicantSchema.parse({
        fullName: a.name,
        prisonerNumber: a.prisonerNumber,
        otherPrisonerNumber: a.otherPrisonerNumber,
        establishmentId: prisons.get(a.prison),
      }),
      channel: a.channel ?? "post",
      receivedOn: isoDaysAgo(a.receivedDaysAgo),
      questionnaire: a.questionnaire,
    },
  );
  const acknowledgedOn = isoDaysAgo(Math.max(a.receivedDaysAgo - 4, 1));
  await tx
    .update(applications)
    .set({ state: "ready_for_assessment", acknowledgedOn })
    .where(eq(applications.id, recorded.applicationId));
  await tx.insert(correspondence).values({
    applicantId: recorded.applicantId,
    applicationId: recorded.applicationId,
    direction: "out",
    kind: "letter",
    occurredOn: acknowledgedOn,
    summary: "Acknowledgement letter (PDF)",
    createdBy: intakeUserId,
  });
  return recorded;
}

/** Dates the demo's assessment work back, so the queue shows how long things have waited. */
async function backdate(
  tx: Tx,
  id: string,
  when: { createdDaysAgo: number; recommendedDaysAgo?: number },
) {
  const createdAt = daysAgo(when.createdDaysAgo);
  const recommendedAt =
    when.recommendedDaysAgo === undefined ? undefined : daysAgo(when.recommendedDaysAgo);
  await tx
    .update(assessments)
    .set({ createdAt, updatedAt: recommendedAt ?? createdAt, recommendedAt })
    .where(eq(assessments.id, id));
  if (recommendedAt)
    await tx
      .update(assessmentReviews)
      .set({ requestedAt: recommendedAt })
      .where(eq(assessmentReviews.assessmentId, id));
}

/**
 * Loads the eligibility demo inside the demo seed's system transaction (so it is loaded once,
 * with the rest): an urgent application among those ready for assessment, a draft the demo
 * assessor is writing, an ineligible recommendation by the second assessor waiting for the
 * demo assessor's review, and an eligible decision waiting for referral. The assessments go
 * through the domain functions as their assessors; the decision is written directly because
 * its letter needs the document store, which the seed does not have, so it is recorded as a
 * letter sent (without its file) like the intake demo's acknowledgements.
 */
export async function seedDemoEligibility(
  tx: Tx,
  emails: { intake: string; assessor: string; secondAssessor: string },
): Promise<number> {
  const intake = await actingAs(tx, emails.intake);
  const asha = await actingAs(tx, emails.assessor);
  const second = await actingAs(tx, emails.secondAssessor);
  const found = await tx
    .select({ id: establishments.id, name: establishments.name })
    .from(establishments)
    .where(
      inArray(
        establishments.name,
        DEMO_ELIGIBILITY_APPLICATIONS.map((a) => a.prison),
      ),
    );
  const prisons = new Map(found.map((e) => [e.name, e.id]));
  const ready = (a: EligibilityApplication) => recordReady(tx, intake.viewer.id, prisons, a);

  await ready(URGENT);

  const draftApplication = await ready(DRAFT);
  const draft = await startAssessment(tx, asha, draftApplication.applicationId);
  await saveAssessment(
    tx,
    asha,
    draft.id,
    AssessmentSchema.parse({
      version: 1,
      offences: DRAFT.questionnaire.offences,
      offenceType: "arson",
      courtType: "crown_court",
      courtName: DRAFT.questionnaire.court,
      jurisdiction: "england_wales",
      offenceDate: DRAFT.questionnaire.offenceDate,
      convictionDate: DRAFT.questionnaire.convictionDate,
      sentenceDate: "2017-04-21",
      plea: "not_guilty",
      sentence: DRAFT.questionnaire.sentence,
      tariff: "12 years",
      appealStages: [
        {
          stage: "Court of Appeal: application for leave",
          date: "2018-05-02",
          outcome: "Leave refused by the single judge; not renewed",
          grounds: "Misdirection on the fire investigator's evidence",
        },
      ],
      claimsFactualInnocence: "yes",
      couldBeInnocent: "unclear",
      couldBeInnocentReasons:
        "The case rested on the fire investigator's opinion that an accelerant was used. No sample was tested independently and the defence called no expert.",
      lines: [
        {
          category: "expert_review",
          description:
            "Instruct an independent fire-scene examiner to review the investigator's photographs, notes and conclusions.",
          rationale:
            "If the burn pattern is consistent with an accidental electrical fire, the prosecution case falls away.",
          priority: "high",
        },
      ],
      suspectedCauses: ["misleading_forensics", "unreliable_expert"],
      flags: ["in_custody"],
    }),
  );
  await backdate(tx, draft.id, { createdDaysAgo: 3 });

  const reviewApplication = await ready(IN_REVIEW);
  const inReview = await startAssessment(tx, second, reviewApplication.applicationId);
  const reviewSaved = await saveAssessment(
    tx,
    second,
    inReview.id,
    AssessmentSchema.parse({
      version: 1,
      offences: IN_REVIEW.questionnaire.offences,
      offenceType: "violence",
      courtType: "crown_court",
      courtName: IN_REVIEW.questionnaire.court,
      jurisdiction: "england_wales",
      offenceDate: IN_REVIEW.questionnaire.offenceDate,
      convictionDate: IN_REVIEW.questionnaire.convictionDate,
      plea: "not_guilty",
      sentence: IN_REVIEW.questionnaire.sentence,
      appealStages: [
        {
          stage: "Court of Appeal",
          date: "2021-06-15",
          outcome: "Appeal against conviction dismissed",
          grounds: "The judge's directions on self-defence",
        },
      ],
      claimsFactualInnocence: "no",
      couldBeInnocent: "no",
      couldBeInnocentReasons:
        "The applicant accepts that he struck the complainant and says he acted in self-defence. He does not say that someone else did it.",
      canBeInvestigated: "no",
      canBeInvestigatedReasons:
        "The question for the jury was self-defence, which it rejected; the Court of Appeal considered the directions. There is nothing a project could investigate about who did it.",
      flags: ["in_custody"],
    }),
  );
  await recommend(
    tx,
    second,
    inReview.id,
    RecommendationSchema.parse({
      version: reviewSaved.version,
      recommendation: "ineligible",
      ineligibleReasons: ["no_factual_innocence"],
      recommendationNotes:
        "A self-defence case, not a claim of factual innocence. Suggest the letter points him to the Criminal Cases Review Commission.",
    }),
  );
  await backdate(tx, inReview.id, { createdDaysAgo: 6, recommendedDaysAgo: 2 });

  await decideEligible(tx, { ready, asha, second }, DECIDED, CRESSIDA_ASSESSMENT, {
    notes: "Two concrete lines: DNA on the balaclava, and the taxi driver.",
    createdDaysAgo: 20,
    recommendedDaysAgo: 13,
  });
  await decideEligible(tx, { ready, asha, second }, REFERRED, DORIAN_ASSESSMENT, {
    notes: "A cell confession from an informant and cell-site evidence nobody tested.",
    createdDaysAgo: 120,
    recommendedDaysAgo: 100,
  });
  await decideEligible(tx, { ready, asha, second }, SCOTTISH, EUAN_ASSESSMENT, {
    notes: "A night-time street identification and an alibi nobody followed up.",
    createdDaysAgo: 90,
    recommendedDaysAgo: 80,
  });

  return DEMO_ELIGIBILITY_APPLICATIONS.length;
}

/**
 * Records an application, assesses it as the demo assessor (eligible), has the second
 * assessor agree where the network's setting asks for a review, and records the decision.
 * Returns the application, waiting for referral.
 */
async function decideEligible(
  tx: Tx,
  people: {
    ready: (a: EligibilityApplication) => ReturnType<typeof recordReady>;
    asha: Acting;
    second: Acting;
  },
  app: EligibilityApplication,
  assessment: Record<string, unknown>,
  when: { notes: string; createdDaysAgo: number; recommendedDaysAgo: number },
) {
  const { asha, second } = people;
  const application = await people.ready(app);
  const started = await startAssessment(tx, asha, application.applicationId);
  const saved = await saveAssessment(tx, asha, started.id, AssessmentSchema.parse(assessment));
  const recommended = await recommend(
    tx,
    asha,
    started.id,
    RecommendationSchema.parse({
      version: saved.version,
      recommendation: "eligible",
      recommendationNotes: when.notes,
    }),
  );
  // Only when the network's setting sends eligible recommendations to a second reviewer.
  if (recommended.status === "in_review")
    await reviewRecommendation(tx, second, started.id, { outcome: "agreed", comment: undefined });
  await recordDemoDecision(tx, asha, started.id, application);
  await backdate(tx, started.id, when);
  return application;
}

/**
 * The eligible decision, as recordDecision would leave it but without the letter's file:
 * the assessment decided twelve days ago and the application waiting for referral.
 */
async function recordDemoDecision(
  tx: Tx,
  acting: Acting,
  id: string,
  application: { applicationId: string; applicantId: string },
) {
  const decidedAt = daysAgo(12);
  const [row] = await tx
    .update(assessments)
    .set({
      status: "decided",
      decidedBy: acting.viewer.id,
      decidedAt,
      updatedAt: decidedAt,
      updatedBy: acting.viewer.id,
      version: sql`${assessments.version} + 1`,
    })
    .where(eq(assessments.id, id))
    .returning({ organisationId: assessments.organisationId });
  await tx
    .update(applications)
    .set({
      state: "awaiting_referral",
      updatedAt: decidedAt,
      version: sql`${applications.version} + 1`,
    })
    .where(eq(applications.id, application.applicationId));
  await tx.insert(correspondence).values({
    applicantId: application.applicantId,
    applicationId: application.applicationId,
    direction: "out",
    kind: "letter",
    occurredOn: decidedAt.toISOString().slice(0, 10),
    summary: "Decision letter: eligible (PDF)",
    createdBy: acting.viewer.id,
  });
  await recordAuditEvent(
    tx,
    { userId: acting.viewer.id },
    {
      action: "assessment.decided",
      entityType: "assessment",
      entityId: id,
      organisationId: row?.organisationId ?? null,
      subjectId: application.applicantId,
      details: {
        outcome: "eligible",
        applicationState: { from: "under_assessment", to: "awaiting_referral" },
        demo: true,
      },
    },
  );
}

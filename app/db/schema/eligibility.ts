import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { applications, documents } from "./intake";
import { organisations } from "./organisations";

export const ANSWERS = ["yes", "no", "unclear"] as const;
export const RECOMMENDATIONS = ["eligible", "ineligible", "more_information", "withdrawn"] as const;
export const ASSESSMENT_STATUSES = [
  /** Being written by its assessor. */
  "draft",
  /** Recommended; waiting for a second reviewer. */
  "in_review",
  /** A reviewer sent it back with a comment: the assessor revises it. */
  "returned",
  /** Recommended and agreed (or needing no review): ready to record as the decision. */
  "agreed",
  /** The decision is recorded and its letter produced. Nothing changes after this. */
  "decided",
] as const;
export const COURT_TYPES = [
  "crown_court",
  "magistrates",
  "high_court_of_justiciary",
  "sheriff_court",
  "northern_ireland_crown_court",
  "court_martial",
  "other",
] as const;
export const JURISDICTIONS = ["england_wales", "scotland", "northern_ireland"] as const;
export const PRIORITIES = ["high", "medium", "low"] as const;

/** One stage of the appeal history, as the assessor records it. */
export interface AppealStage {
  stage: string;
  date?: string;
  outcome?: string;
  grounds?: string;
}

/** An earlier application to the CCRC or SCCRC and what it decided. */
export interface PriorReview {
  body: "ccrc" | "sccrc";
  reference?: string;
  appliedOn?: string;
  decision?: string;
  decidedOn?: string;
}

/** Suspected causes of wrongful conviction: reference data an administrator can extend. */
export const suspectedCauses = pgTable("suspected_causes", {
  key: text().primaryKey(),
  label: text().notNull(),
  description: text().notNull().default(""),
  active: boolean().notNull().default(true),
  position: integer().notNull().default(0),
});

/** Why an application is ineligible: the maintained list, with what the letter says. */
export const ineligibilityReasons = pgTable("ineligibility_reasons", {
  key: text().primaryKey(),
  label: text().notNull(),
  /** The plain-English paragraph the decision letter gives for this reason. */
  letterText: text().notNull(),
  /** A recommendation giving this reason goes to a second reviewer. */
  requiresReview: boolean().notNull().default(true),
  active: boolean().notNull().default(true),
  position: integer().notNull().default(0),
});

/** Categories of lines of investigation (forensic re-testing, alibi, disclosure, …). */
export const investigationCategories = pgTable("investigation_categories", {
  key: text().primaryKey(),
  label: text().notNull(),
  active: boolean().notNull().default(true),
  position: integer().notNull().default(0),
});

/**
 * An assessment of one application on the two questions. An application has at most one
 * open assessment; a reconsideration opens a new one linked to the earlier, which is kept.
 */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    /**
     * The earlier assessment this one continues: the decision a reconsideration reopens, or
     * the "need more information" decision whose answers arrived.
     */
    previousAssessmentId: uuid(),
    /** Set when this assessment is a reconsideration the applicant asked for. */
    reconsiderationReason: text(),
    status: text({ enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    assessorId: uuid().references(() => users.id),
    // The conviction.
    offences: text(),
    offenceType: text(),
    courtType: text({ enum: COURT_TYPES }),
    courtName: text(),
    jurisdiction: text({ enum: JURISDICTIONS }),
    offenceDate: date({ mode: "string" }),
    convictionDate: date({ mode: "string" }),
    sentenceDate: date({ mode: "string" }),
    plea: text(),
    sentence: text(),
    tariff: text(),
    coDefendants: text(),
    // The appeal history.
    appealStages: jsonb().$type<AppealStage[]>().notNull().default([]),
    priorReviews: jsonb().$type<PriorReview[]>().notNull().default([]),
    // The two questions.
    claimsFactualInnocence: text({ enum: ANSWERS }),
    couldBeInnocent: text({ enum: ANSWERS }),
    couldBeInnocentReasons: text(),
    canBeInvestigated: text({ enum: ANSWERS }),
    canBeInvestigatedReasons: text(),
    suspectedCauses: text().array().notNull().default(sql`'{}'::text[]`),
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    // The recommendation and the decision.
    recommendation: text({ enum: RECOMMENDATIONS }),
    ineligibleReasons: text().array().notNull().default(sql`'{}'::text[]`),
    recommendationNotes: text(),
    informationRequested: text(),
    chaseOn: date({ mode: "string" }),
    recommendedBy: uuid().references(() => users.id),
    recommendedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionLetterId: uuid().references(() => documents.id),
    largePrintLetter: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("assessments_application_idx").on(t.applicationId, t.createdAt),
    uniqueIndex("assessments_one_open_key").on(t.applicationId).where(sql`status <> 'decided'`),
    index("assessments_assessor_idx").on(t.assessorId, t.status),
    index("assessments_decided_idx").on(t.decidedAt),
  ],
);

/** A line of investigation identified by an assessment; carried to the project on referral. */
export const investigationLines = pgTable(
  "investigation_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
    category: text().notNull(),
    description: text().notNull(),
    rationale: text().notNull().default(""),
    priority: text({ enum: PRIORITIES }).notNull().default("medium"),
  },
  (t) => [index("investigation_lines_assessment_idx").on(t.assessmentId, t.position)],
);

/** Each round of second review: who asked, who reviewed, what they said. */
export const assessmentReviews = pgTable(
  "assessment_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id),
    recommendation: text({ enum: RECOMMENDATIONS }).notNull(),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewerId: uuid().references(() => users.id),
    outcome: text({ enum: ["agreed", "returned"] }),
    comment: text(),
    reviewedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("assessment_reviews_assessment_idx").on(t.assessmentId, t.requestedAt)],
);

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
import { assessments, PRIORITIES } from "./eligibility";
import { users } from "./identity";
import { applications, documents } from "./intake";
import { organisations } from "./organisations";

export const OFFER_STATUSES = ["offered", "accepted", "declined", "lapsed", "withdrawn"] as const;

/**
 * An eligible case offered to one member project: the network's record of the referral.
 * One case is offered to one project at a time (a partial unique index on the open offer).
 */
export const referralOffers = pgTable(
  "referral_offers",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The network, which owns the referral record. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id),
    projectId: uuid()
      .notNull()
      .references(() => organisations.id),
    status: text({ enum: OFFER_STATUSES }).notNull().default("offered"),
    /** The case summary the coordinator wrote for the project. */
    summary: text().notNull(),
    /**
     * The applicant's own account (the questionnaire's answers) goes with the offer: ticked by
     * default on the offer form; unticked, the project gets the network's summary alone.
     */
    includeAccount: boolean().notNull().default(true),
    /** Why this project: the suggestion's reasons as the coordinator saw them. */
    matchReasons: text().array().notNull().default(sql`'{}'::text[]`),
    expiresOn: date({ mode: "string" }).notNull(),
    offeredBy: uuid()
      .notNull()
      .references(() => users.id),
    offeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp({ withTimezone: true }),
    respondedBy: uuid().references(() => users.id),
    respondedAt: timestamp({ withTimezone: true }),
    declineReason: text(),
    /** Withdrawn by the network, with why. */
    withdrawnReason: text(),
    caseId: uuid(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("referral_offers_one_open_key").on(t.applicationId).where(sql`status = 'offered'`),
    index("referral_offers_project_idx").on(t.projectId, t.status),
    index("referral_offers_application_idx").on(t.applicationId, t.offeredAt),
    index("referral_offers_expiry_idx").on(t.expiresOn).where(sql`status = 'offered'`),
  ],
);

/** The documents the coordinator put in an offer's case pack. */
export const referralOfferDocuments = pgTable(
  "referral_offer_documents",
  {
    offerId: uuid()
      .notNull()
      .references(() => referralOffers.id),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
  },
  (t) => [uniqueIndex("referral_offer_documents_key").on(t.offerId, t.documentId)],
);

export const CASE_STAGES = [
  "open",
  "investigating",
  "application_drafted",
  "submitted",
  "acknowledged",
  "under_review",
  "provisional_statement",
  "review_decided",
  "appeal",
  "concluded",
  "closed",
  "handed_back",
  "withdrawn",
  "returned_on_closure",
] as const;
/**
 * What a case came to: the project's conclusion on the claim (the first three, recorded as a
 * stage or on closing) or why it closed without one (on closing only).
 */
export const CASE_OUTCOMES = [
  "claim_supported",
  "claim_not_supported",
  "inconclusive",
  "handed_back",
  "client_withdrew",
  "client_died",
] as const;

/**
 * A project's case: made when it accepts an offer, from copies of the applicant, the
 * conviction, the lines of investigation and the case pack. From then on the project owns
 * the working file; the network sees its stage and outcome.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The project that owns the case. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    offerId: uuid()
      .notNull()
      .references(() => referralOffers.id),
    /** The network's application and its reference, for correspondence about it. */
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    reference: text().notNull(),
    applicant: jsonb()
      .$type<{
        fullName: string;
        aliases: string[];
        dateOfBirth: string | null;
        prisonerNumber: string | null;
        otherPrisonerNumber: string | null;
        establishment: string | null;
        /** Set once a move has been passed to the case (docs/decisions/029). */
        establishmentId?: string | null;
        postalAddress: string | null;
        largePrint: boolean;
        language: string | null;
        legalCorrespondence: boolean;
      }>()
      .notNull(),
    conviction: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The applicant's own account as the network received it (app/referrals/applicant-account.ts):
     * the questionnaire's answers as written, how and when it came. Null when the offer left it out.
     */
    account: jsonb().$type<Record<string, unknown>>(),
    summary: text().notNull().default(""),
    stage: text({ enum: CASE_STAGES }).notNull().default("open"),
    outcome: text({ enum: CASE_OUTCOMES }),
    /** Whether the project lets the network read its working notes. */
    sharedWithNetwork: boolean().notNull().default(false),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The next annual case report to the network is due on this day. */
    annualReportDueOn: date({ mode: "string" }).notNull(),
    /** Why the project concluded as it did (claim not supported, inconclusive, ...). */
    outcomeReason: text(),
    /** The client's signed form of authority to obtain papers: when it was recorded, and the scan. */
    authorityRecordedOn: date({ mode: "string" }),
    authorityDocumentId: uuid(),
    /** The next progress letter to the client is due on this day (every 3 months by default). */
    nextProgressLetterOn: date({ mode: "string" }),
    /** Why it left the project (handed back, withdrawn, the project closed), and the note. */
    endedReason: text(),
    handoverNote: text(),
    endedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("cases_organisation_idx").on(t.organisationId, t.stage),
    uniqueIndex("cases_offer_key").on(t.offerId),
    index("cases_application_idx").on(t.applicationId),
  ],
);

export const LINE_STATUSES = ["not_started", "in_progress", "done", "abandoned"] as const;
export const LINE_RESULTS = ["supports_innocence", "supports_guilt", "inconclusive"] as const;

/** A line of investigation in a project's case: copied from the assessment, then worked. */
export const caseLines = pgTable(
  "case_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    position: integer().notNull().default(0),
    category: text().notNull(),
    description: text().notNull(),
    rationale: text().notNull().default(""),
    priority: text({ enum: PRIORITIES }).notNull().default("medium"),
    status: text({ enum: LINE_STATUSES }).notNull().default("not_started"),
    ownerId: uuid().references(() => users.id),
    /** What was done, step by step, as the team records it. */
    steps: text().notNull().default(""),
    result: text({ enum: LINE_RESULTS }),
    resultReason: text(),
    /** Added by the project (not from the referral). */
    addedByProject: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index("case_lines_case_idx").on(t.caseId, t.position)],
);

/** A document in a project's case file: the project's own encrypted copy. */
export const caseDocuments = pgTable(
  "case_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** The network's document it was copied from, if it came in the case pack. */
    sourceDocumentId: uuid().references(() => documents.id),
    filename: text().notNull(),
    mediaType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    /** Provenance: who it came from and when. */
    receivedFrom: text(),
    receivedOn: date({ mode: "string" }),
    description: text(),
    /** The text of a PDF, extracted on upload, for search. */
    extractedText: text(),
    /** JavaScript or embedded files a PDF carries (`ActiveContent`), to warn whoever opens it. */
    activeContent: text().array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_documents_case_idx").on(t.caseId)],
);

/** What someone should know about: in the app, beside the e-mail that says the same. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    body: text().notNull().default(""),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

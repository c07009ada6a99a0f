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
import { organisations } from "./organisations";
import { CASE_OUTCOMES, CASE_STAGES, caseDocuments, caseLines, cases } from "./referrals";

/**
 * Casework: what a member project's team keeps on a case it accepted. Every table hangs off
 * `cases`; row-level security lets a project's leads see all its cases and a caseworker only
 * the cases whose team they are on (drizzle/0018_casework_security.sql).
 */

/** Who works on a case: its leads and caseworkers, each from a day until a day. */
export const caseTeam = pgTable(
  "case_team",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: text({ enum: ["lead", "caseworker"] }).notNull(),
    startsOn: date({ mode: "string" }).notNull().default(sql`current_date`),
    /** The first day they are no longer on the case (the end of their academic year). */
    endsOn: date({ mode: "string" }),
    addedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("case_team_member_key").on(t.caseId, t.userId),
    index("case_team_user_idx").on(t.userId),
  ],
);

export const EVIDENCE_KINDS = [
  "witness_testimony",
  "identification",
  "confession",
  "forensic",
  "expert",
  "documentary",
  "digital",
  "informant",
  "other",
] as const;

/** The evidence register: each item, where it came from, how it fared, how it may fail. */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    kind: text({ enum: EVIDENCE_KINDS }).notNull(),
    description: text().notNull(),
    source: text().notNull().default(""),
    /** Was it before the jury? null: not known. */
    usedAtTrial: boolean(),
    howChallenged: text().notNull().default(""),
    /** Fallibility codes: keys of the suspected causes taxonomy. */
    fallibility: text().array().notNull().default(sql`'{}'::text[]`),
    lineId: uuid().references(() => caseLines.id),
    documentId: uuid().references(() => caseDocuments.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index("evidence_items_case_idx").on(t.caseId)],
);

export const PAPER_KINDS = [
  "trial_transcript",
  "prosecution_bundle",
  "unused_material_schedule",
  "defence_file",
  "appeal_papers",
  "forensic_report",
  "other",
] as const;

/** The inventory of case papers the team knows exist, held or not. */
export const casePapers = pgTable(
  "case_papers",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    kind: text({ enum: PAPER_KINDS }).notNull(),
    description: text().notNull().default(""),
    /** Where it is, or who has it. */
    location: text().notNull().default(""),
    held: boolean().notNull().default(false),
    documentId: uuid().references(() => caseDocuments.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_papers_case_idx").on(t.caseId)],
);

/** A request for missing papers, with its chasers and the reply. */
export const paperRequests = pgTable(
  "paper_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    paperId: uuid()
      .notNull()
      .references(() => casePapers.id),
    recipientKind: text({
      enum: ["former_solicitors", "cps", "police", "court", "forensic_provider", "other"],
    }).notNull(),
    recipient: text().notNull(),
    recipientAddress: text().notNull().default(""),
    requestedOn: date({ mode: "string" }).notNull(),
    chaseOn: date({ mode: "string" }),
    chasedOn: date({ mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
    reply: text(),
    repliedOn: date({ mode: "string" }),
    status: text({ enum: ["sent", "answered", "refused"] })
      .notNull()
      .default("sent"),
    letterDocumentId: uuid().references(() => caseDocuments.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("paper_requests_case_idx").on(t.caseId)],
);

/** Dated events of the offence and the proceedings, with their source. */
export const chronologyEvents = pgTable(
  "chronology_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    occurredOn: date({ mode: "string" }).notNull(),
    /** Time of day or "about", when the date alone is not enough. */
    timeNote: text(),
    description: text().notNull(),
    source: text().notNull().default(""),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chronology_events_case_idx").on(t.caseId, t.occurredOn)],
);

export const PERSON_KINDS = [
  "witness",
  "co_defendant",
  "victim",
  "police_officer",
  "expert",
  "lawyer",
  "other",
] as const;

/**
 * A person who appears in cases: kept per organisation, so that a police officer or a forensic
 * expert is one record across the project's cases.
 */
export const people = pgTable(
  "people",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    kind: text({ enum: PERSON_KINDS }).notNull(),
    /** Rank and force, firm, speciality: what tells two people of the same name apart. */
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("people_organisation_idx").on(t.organisationId, t.name)],
);

/** A person's part in one case. */
export const casePeople = pgTable(
  "case_people",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    role: text().notNull(),
    notes: text().notNull().default(""),
    /** The client agreed that this witness may be contacted, on this day. */
    contactConsentOn: date({ mode: "string" }),
  },
  (t) => [
    uniqueIndex("case_people_key").on(t.caseId, t.personId),
    index("case_people_person_idx").on(t.personId),
  ],
);

/** Case notes; some need the lead's sign-off (anything sent outside the project). */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    needsSignOff: boolean().notNull().default(false),
    signedOffBy: uuid().references(() => users.id),
    signedOffAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.createdAt)],
);

/** Case review meetings: who came, what was decided, what is to be done by whom. */
export const caseReviews = pgTable(
  "case_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    heldOn: date({ mode: "string" }).notNull(),
    attendees: text().notNull().default(""),
    decisions: text().notNull(),
    actions: text().notNull().default(""),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_reviews_case_idx").on(t.caseId, t.heldOn)],
);

/** Who worked how long on what. */
export const timeEntries = pgTable(
  "time_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    workedOn: date({ mode: "string" }).notNull(),
    minutes: integer().notNull(),
    activity: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("time_entries_case_idx").on(t.caseId, t.workedOn)],
);

/** Letters to and from the client and third parties, calls and e-mails. */
export const caseCorrespondence = pgTable(
  "case_correspondence",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    direction: text({ enum: ["in", "out"] }).notNull(),
    party: text().notNull(),
    kind: text({ enum: ["letter", "call", "email", "visit"] }).notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    summary: text().notNull(),
    /** A progress letter to the client, which resets the schedule. */
    isProgressLetter: boolean().notNull().default(false),
    documentId: uuid().references(() => caseDocuments.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_correspondence_case_idx").on(t.caseId, t.occurredOn)],
);

/** The case's progress through the review body and the courts, each step dated. */
export const caseStageEvents = pgTable(
  "case_stage_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    stage: text().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    note: text().notNull().default(""),
    /** A deadline this step sets (e.g. representations on a provisional statement). */
    deadlineOn: date({ mode: "string" }),
    deadlineWhat: text(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_stage_events_case_idx").on(t.caseId, t.occurredOn)],
);

/** A draft or sent CCRC or SCCRC application, generated from the file; versions kept. */
export const reviewApplications = pgTable(
  "review_applications",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    body: text({ enum: ["ccrc", "sccrc"] }).notNull(),
    version: integer().notNull(),
    /** The grounds as written for this version: each with its new evidence or argument. */
    grounds: jsonb()
      .$type<{ ground: string; newMaterial: string; whyNotRaisedBefore: string }[]>()
      .notNull()
      .default([]),
    pdfDocumentId: uuid().references(() => caseDocuments.id),
    docxDocumentId: uuid().references(() => caseDocuments.id),
    sentOn: date({ mode: "string" }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("review_applications_version_key").on(t.caseId, t.version)],
);

/**
 * The annual case report a project sends the network, as the lead checked and sent it: the
 * figures and text drawn from the file at the time, kept so the PDF reads the same later.
 */
export const caseReports = pgTable(
  "case_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** The project that sent it (the case's organisation when it was sent). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    periodFrom: date({ mode: "string" }).notNull(),
    periodTo: date({ mode: "string" }).notNull(),
    /** The report's content as sent (see app/casework/report/). */
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    leadComment: text().notNull().default(""),
    sentBy: uuid().references(() => users.id),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_reports_case_idx").on(t.caseId, t.sentAt)],
);

/**
 * Reminders the housekeeping has sent about a case's deadlines, one row per person, deadline
 * and day, so that a reminder goes once however often the housekeeping runs.
 */
export const caseReminders = pgTable(
  "case_reminders",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** "deadline" (a stage's), "progress_letter" or "annual_report". */
    kind: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    what: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("case_reminders_key").on(t.caseId, t.userId, t.kind, t.dueOn, t.what)],
);

/** What the lead confirmed on the closing checklist, with the case's figures at the time. */
export interface ClosingChecklist {
  openLines: number;
  papersOutstanding: number;
  documentsToReturn: number;
  lastLetterToClientOn: string | null;
}

/**
 * A case's closing by its lead (outcome, reasons, the checklist as confirmed, the stage it was
 * in) and, if it is reopened, who reopened it and why. The case's `stage` says whether it is
 * closed now; these rows are its history (docs/decisions/027-closing-a-case.md).
 */
export const caseClosures = pgTable(
  "case_closures",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    outcome: text({ enum: CASE_OUTCOMES }).notNull(),
    reasons: text().notNull(),
    checklist: jsonb().$type<ClosingChecklist>().notNull(),
    /** The stage the case was in when closed, to which reopening returns it. */
    fromStage: text({ enum: CASE_STAGES }).notNull(),
    closedBy: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reopenedBy: uuid().references(() => users.id),
    reopenedAt: timestamp({ withTimezone: true }),
    reopenReason: text(),
  },
  (t) => [index("case_closures_case_idx").on(t.caseId, t.closedAt)],
);

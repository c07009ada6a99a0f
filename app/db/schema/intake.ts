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

/** Prison establishments: reference data seeded from the public register, kept by administrators. */
export const establishments = pgTable(
  "establishments",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text(),
    name: text().notNull(),
    operator: text(),
    addressLines: text().array().notNull().default(sql`'{}'::text[]`),
    postcode: text(),
    jurisdiction: text({ enum: ["england_wales", "scotland", "northern_ireland"] })
      .notNull()
      .default("england_wales"),
    openedOn: text(),
    closedOn: text(),
    source: text({ enum: ["register", "manual"] })
      .notNull()
      .default("manual"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  // The register gives a prison and an immigration removal centre on one site the same code.
  (t) => [index("establishments_code_idx").on(t.code), index("establishments_name_idx").on(t.name)],
);

/** A person who has applied: one applicant may apply more than once. */
export const applicants = pgTable(
  "applicants",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    fullName: text().notNull(),
    aliases: text().array().notNull().default(sql`'{}'::text[]`),
    /** Full name and aliases in one lower-case string, kept by trigger, for trigram matching. */
    namesText: text().notNull().default(""),
    dateOfBirth: date({ mode: "string" }),
    /** England & Wales prisoner number, normalised (A1234BC). */
    prisonerNumber: text(),
    /** Scottish or other prisoner numbers, as written. */
    otherPrisonerNumber: text(),
    currentEstablishmentId: uuid().references(() => establishments.id),
    postalAddress: text(),
    largePrint: boolean().notNull().default(false),
    language: text(),
    /** Letters must be marked "Legal Correspondence" (Rule 39 / rule 57). */
    legalCorrespondence: boolean().notNull().default(true),
    /** Set when this record was merged into another as a true duplicate; it is kept for its history. */
    mergedIntoId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("applicants_names_trgm_idx").using("gin", sql`${t.namesText} gin_trgm_ops`),
    index("applicants_prisoner_number_idx").on(t.prisonerNumber),
    index("applicants_dob_idx").on(t.dateOfBirth),
  ],
);

/** Where an applicant has been held: prisoners move, and letters must follow them. */
export const applicantMoves = pgTable(
  "applicant_moves",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicantId: uuid()
      .notNull()
      .references(() => applicants.id, { onDelete: "cascade" }),
    establishmentId: uuid()
      .notNull()
      .references(() => establishments.id),
    fromDate: date({ mode: "string" }),
    toDate: date({ mode: "string" }),
    /** "network" when intake recorded it; "project" when a project reported it on its case. */
    source: text({ enum: ["network", "project"] })
      .notNull()
      .default("network"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("applicant_moves_applicant_idx").on(t.applicantId)],
);

/** Family, friends, solicitors and MPs acting for an applicant, and what they may receive. */
export const representatives = pgTable(
  "representatives",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicantId: uuid()
      .notNull()
      .references(() => applicants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    relationship: text({ enum: ["family", "friend", "solicitor", "mp", "other"] }).notNull(),
    address: text(),
    email: text(),
    phone: text(),
    authorisedToReceive: text({ enum: ["everything", "progress_only", "nothing"] })
      .notNull()
      .default("nothing"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("representatives_applicant_idx").on(t.applicantId)],
);

export const APPLICATION_STATES = [
  "received",
  "acknowledged",
  "awaiting_information",
  "ready_for_assessment",
  "under_assessment",
  "awaiting_referral",
  "referred",
  "closed",
] as const;
export const APPLICATION_CHANNELS = [
  "post",
  "online",
  "representative",
  "email",
  "import",
] as const;

/** What arrived: the questionnaire answers, how and when, and where it stands. */
export const applications = pgTable(
  "applications",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** The human reference printed on every letter, e.g. CN-2026-00042. */
    reference: text().notNull(),
    applicantId: uuid()
      .notNull()
      .references(() => applicants.id),
    channel: text({ enum: APPLICATION_CHANNELS }).notNull(),
    receivedOn: date({ mode: "string" }).notNull(),
    recordedBy: uuid().references(() => users.id),
    state: text({ enum: APPLICATION_STATES }).notNull().default("received"),
    closedReason: text({ enum: ["eligible_referred", "ineligible", "withdrawn", "duplicate"] }),
    assigneeId: uuid().references(() => users.id),
    acknowledgedOn: date({ mode: "string" }),
    acknowledgementDueOn: date({ mode: "string" }).notNull(),
    chaseOn: date({ mode: "string" }),
    /** Stage-1 questionnaire answers (app/intake/questionnaire.ts); partial answers are normal. */
    questionnaire: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Offence, court and conviction date, copied out of the questionnaire for matching co-defendants. */
    offence: text(),
    court: text(),
    convictionDate: date({ mode: "string" }),
    consentSigned: boolean().notNull().default(false),
    consentSignedOn: date({ mode: "string" }),
    /** Who sent an online application on the applicant's behalf, and the applicant's agreement. */
    submittedBy: jsonb().$type<Record<string, unknown>>(),
    isDraft: boolean().notNull().default(false),
    importKey: text(),
    /**
     * The applicant has another application, or shares a prisoner number with another
     * applicant: kept by triggers (drizzle/0009_intake_queue_scale.sql) for the queue's filter.
     */
    likelyDuplicate: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("applications_reference_key").on(t.reference),
    uniqueIndex("applications_import_key").on(t.importKey),
    index("applications_queue_idx").on(t.state, t.receivedOn.desc(), t.id),
    index("applications_received_idx").on(t.receivedOn.desc(), t.id),
    index("applications_assignee_idx").on(t.assigneeId, t.state),
    index("applications_applicant_idx").on(t.applicantId),
    index("applications_codefendant_idx").on(t.convictionDate, t.court),
  ],
);

/** Scans, consent forms and letters filed on an application; the bytes are encrypted on disk. */
export const documents = pgTable(
  "documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid().references(() => applications.id),
    applicantId: uuid().references(() => applicants.id),
    kind: text({
      enum: ["scan", "consent", "letter_out", "letter_in", "questionnaire", "case_file"],
    }).notNull(),
    filename: text().notNull(),
    mediaType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    /** JavaScript or embedded files a PDF carries (`ActiveContent`), to warn whoever opens it. */
    activeContent: text().array().notNull().default(sql`'{}'::text[]`),
    /** For a letter made by Clearname: the template it was made from, and which version. */
    letterTemplate: text(),
    letterTemplateVersion: integer(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("documents_application_idx").on(t.applicationId),
    index("documents_applicant_idx").on(t.applicantId),
  ],
);

/** Re-applications, co-defendants and merged duplicates. */
export const applicationLinks = pgTable(
  "application_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    linkedApplicationId: uuid()
      .notNull()
      .references(() => applications.id),
    kind: text({ enum: ["re_application", "co_defendant", "duplicate"] }).notNull(),
    note: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("application_links_key").on(t.applicationId, t.linkedApplicationId, t.kind),
    index("application_links_linked_idx").on(t.linkedApplicationId),
  ],
);

/** Letters in and out, calls and e-mails with an applicant or on their behalf. */
export const correspondence = pgTable(
  "correspondence",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicantId: uuid()
      .notNull()
      .references(() => applicants.id),
    applicationId: uuid().references(() => applications.id),
    direction: text({ enum: ["in", "out"] }).notNull(),
    kind: text({ enum: ["letter", "call", "email", "form"] }).notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    summary: text().notNull(),
    documentId: uuid().references(() => documents.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("correspondence_applicant_idx").on(t.applicantId, t.occurredOn)],
);

/** Online applications in progress: saved under a reference and a secret the person chose. */
export const applicationDrafts = pgTable("application_drafts", {
  id: uuid().primaryKey().defaultRandom(),
  reference: text().notNull().unique(),
  secretHash: text().notNull(),
  data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  step: text().notNull().default("about-you"),
  submittedApplicationId: uuid().references(() => applications.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/** The last number handed out per year for application references. */
export const referenceCounters = pgTable("reference_counters", {
  year: integer().primaryKey(),
  last: integer().notNull().default(0),
});

/** A spreadsheet import: its dry run, its report and its progress. */
export const importRuns = pgTable("import_runs", {
  id: uuid().primaryKey().defaultRandom(),
  filename: text().notNull(),
  fileSha256: text().notNull(),
  format: text({ enum: ["csv", "xlsx"] }).notNull(),
  storageKey: text().notNull(),
  mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
  mode: text({ enum: ["all_or_nothing", "valid_only"] }),
  status: text({ enum: ["uploaded", "validated", "importing", "done", "failed"] }).notNull(),
  totalRows: integer().notNull().default(0),
  invalidRows: integer().notNull().default(0),
  importedRows: integer().notNull().default(0),
  skippedRows: integer().notNull().default(0),
  errors: jsonb().$type<{ line: number; message: string }[]>().notNull().default([]),
  failure: text(),
  createdBy: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

/** Network settings an administrator can change, e.g. the acknowledgement target. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

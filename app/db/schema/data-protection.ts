import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { applicants } from "./intake";
import { organisations } from "./organisations";

/**
 * Data protection: each organisation (the network, each member project) is the controller of
 * what it holds, so every table here carries the organisation whose officer works on it, and
 * row-level security keeps each organisation to its own rows (drizzle/0027).
 */

/** What a legal hold can be placed on. */
export const HOLD_TARGETS = ["applicant", "application", "case"] as const;

/** A legal hold: while it stands, no sweep or erasure touches the record or what hangs off it. */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    targetType: text({ enum: HOLD_TARGETS }).notNull(),
    targetId: uuid().notNull(),
    reason: text().notNull(),
    /** The hold lapses at the end of this day; none means until released. */
    until: date({ mode: "string" }),
    placedBy: uuid()
      .notNull()
      .references(() => users.id),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedBy: uuid().references(() => users.id),
    releasedAt: timestamp({ withTimezone: true }),
    releaseReason: text(),
  },
  (t) => [
    index("legal_holds_target_idx").on(t.targetType, t.targetId),
    index("legal_holds_org_idx").on(t.organisationId),
  ],
);

/** The classes of record the retention schedule covers (app/data-protection/retention/classes.ts). */
export const RECORD_CLASSES = [
  "ineligible_application",
  "withdrawn_application",
  "abandoned_draft",
  "import_file",
  "closed_case",
  "letter",
  "former_member_account",
  "audit_event",
] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

export const RETENTION_ACTIONS = ["erase", "anonymise", "review"] as const;

/** One line of an organisation's retention schedule. */
export const retentionRules = pgTable(
  "retention_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    recordClass: text({ enum: RECORD_CLASSES }).notNull(),
    periodMonths: integer().notNull(),
    /** The event the period is counted from, e.g. `decided_on`, `closed_on`, `membership_ended`. */
    countedFrom: text().notNull(),
    action: text({ enum: RETENTION_ACTIONS }).notNull(),
    /** Why this period: written down for the appropriate policy document. */
    reason: text().notNull().default(""),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("retention_rules_org_class_idx").on(t.organisationId, t.recordClass)],
);

export const SWEEP_STATUSES = [
  "dry_run",
  "approved",
  "running",
  "done",
  "failed",
  "cancelled",
] as const;

/** A retention sweep: a dry run first, then approved by the officer and run in the background. */
export const retentionSweeps = pgTable(
  "retention_sweeps",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    status: text({ enum: SWEEP_STATUSES }).notNull().default("dry_run"),
    /** Counts per record class at the dry run. */
    counts: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** The day the dry run counted to: records due on or before it. */
    asOf: date({ mode: "string" }).notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** A running sweep's heartbeat: a sweep whose heartbeat is old was interrupted and is resumed. */
    heartbeatAt: timestamp({ withTimezone: true }),
    total: integer().notNull().default(0),
    processed: integer().notNull().default(0),
    error: text(),
  },
  (t) => [index("retention_sweeps_org_idx").on(t.organisationId, t.createdAt)],
);

export const SWEEP_ITEM_STATUSES = ["pending", "done", "held", "skipped", "failed"] as const;

/** One record a sweep found due, and what became of it. Holds no personal data: ids and reasons. */
export const retentionSweepItems = pgTable(
  "retention_sweep_items",
  {
    sweepId: uuid()
      .notNull()
      .references(() => retentionSweeps.id, { onDelete: "cascade" }),
    recordClass: text({ enum: RECORD_CLASSES }).notNull(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    /** E.g. "withdrawn on 2019-03-02; 72 months passed on 2025-03-02". */
    dueReason: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    action: text({ enum: RETENTION_ACTIONS }).notNull(),
    status: text({ enum: SWEEP_ITEM_STATUSES }).notNull().default("pending"),
    outcome: text(),
    doneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.sweepId, t.entityType, t.entityId] }),
    index("retention_sweep_items_status_idx").on(t.sweepId, t.status),
  ],
);

export const REQUEST_KINDS = ["access", "rectification", "erasure"] as const;
export const REQUEST_STATUSES = ["open", "extended", "completed", "refused", "withdrawn"] as const;

/** A subject access, rectification or erasure request made to one organisation. */
export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    reference: text().notNull(),
    kind: text({ enum: REQUEST_KINDS }).notNull(),
    /** The applicant the request is about, where the person is one. */
    applicantId: uuid().references(() => applicants.id, { onDelete: "set null" }),
    personName: text().notNull(),
    /** Other names, date of birth, prisoner number: what the search for their records uses. */
    personDetails: text().notNull().default(""),
    contactAddress: text().notNull().default(""),
    /** How their identity was checked (e.g. "prison number and date of birth match the record"). */
    identityCheck: text().notNull(),
    /** What they asked for, in their words (what to correct, what to erase). */
    details: text().notNull().default(""),
    receivedOn: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    extendedTo: date({ mode: "string" }),
    extensionReason: text(),
    extensionLetterId: uuid(),
    status: text({ enum: REQUEST_STATUSES }).notNull().default("open"),
    /** The decision with its reasons (rectification, erasure, a refusal). */
    decision: text(),
    completedOn: date({ mode: "string" }),
    remindedOn: date({ mode: "string" }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("data_subject_requests_org_idx").on(t.organisationId, t.status, t.dueOn),
    uniqueIndex("data_subject_requests_reference_idx").on(t.organisationId, t.reference),
  ],
);

/** A letter written to the requester about their request (an extension), kept as sent. */
export const dataSubjectRequestLetters = pgTable(
  "data_subject_request_letters",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => dataSubjectRequests.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    kind: text({ enum: ["extension"] }).notNull(),
    filename: text().notNull(),
    storageKey: text().notNull(),
    sha256: text().notNull(),
    byteSize: integer().notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("data_subject_request_letters_request_idx").on(t.requestId)],
);

/** The exemptions an officer may rely on to withhold an item (DPA 2018 Sch 2–3); editable. */
export const disclosureExemptions = pgTable("disclosure_exemptions", {
  id: uuid().primaryKey().defaultRandom(),
  label: text().notNull().unique(),
  description: text().notNull().default(""),
  active: boolean().notNull().default(true),
  sortOrder: integer().notNull().default(0),
});

export const ITEM_DECISIONS = ["pending", "released", "withheld", "redacted"] as const;

/** One record found for a request, and the officer's decision on it. */
export const dataSubjectRequestItems = pgTable(
  "data_subject_request_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** applicant, application, assessment, letter, correspondence, document, case, case_note, … */
    itemType: text().notNull(),
    itemId: uuid().notNull(),
    title: text().notNull(),
    /** Whether the person is the record's subject or mentioned in it as a third party. */
    foundAs: text({ enum: ["subject", "third_party"] }).notNull(),
    decision: text({ enum: ITEM_DECISIONS }).notNull().default("pending"),
    exemptionId: uuid().references(() => disclosureExemptions.id),
    /** Passages removed from the released copy, as typed by the officer. */
    redactions: text().array().notNull().default(sql`'{}'::text[]`),
    note: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("data_subject_request_items_item_idx").on(t.requestId, t.itemType, t.itemId)],
);

/** A bundle released to the requester, kept encrypted as it was released. */
export const dataSubjectBundles = pgTable("data_subject_bundles", {
  id: uuid().primaryKey().defaultRandom(),
  requestId: uuid()
    .notNull()
    .references(() => dataSubjectRequests.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  storageKey: text().notNull(),
  sha256: text().notNull(),
  byteSize: integer().notNull(),
  itemCount: integer().notNull(),
  producedBy: uuid()
    .notNull()
    .references(() => users.id),
  producedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const BREACH_RISKS = ["unlikely", "risk", "high"] as const;
export const BREACH_DECISIONS = ["undecided", "report", "not_reported"] as const;

/** The personal data breach register (UK GDPR Art 33(5)): every breach, reported or not. */
export const dataBreaches = pgTable(
  "data_breaches",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    title: text().notNull(),
    whatHappened: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }),
    /** When the organisation became aware: the 72 hours to tell the ICO run from here. */
    discoveredAt: timestamp({ withTimezone: true }).notNull(),
    dataAffected: text().notNull().default(""),
    peopleAffected: integer(),
    risk: text({ enum: BREACH_RISKS }),
    decision: text({ enum: BREACH_DECISIONS }).notNull().default("undecided"),
    decisionReasons: text(),
    reportedToIcoAt: timestamp({ withTimezone: true }),
    icoReference: text(),
    /** Who was told (the people affected, the other controller, the police), and when. */
    whoWasTold: text().notNull().default(""),
    actionsTaken: text().notNull().default(""),
    closedAt: timestamp({ withTimezone: true }),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index("data_breaches_org_idx").on(t.organisationId, t.discoveredAt)],
);

/** Each published version of the appropriate policy document, kept as published. */
export const policyDocuments = pgTable(
  "policy_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    version: integer().notNull(),
    /** The document as published: its sections, generated from the live settings. */
    content: jsonb()
      .$type<{ title: string; sections: { heading: string; body: string[] }[] }>()
      .notNull(),
    publishedBy: uuid()
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("policy_documents_version_idx").on(t.organisationId, t.version)],
);

/** Each run of the audit chain check from the page or the command: when, and what it found. */
export const auditChainChecks = pgTable("audit_chain_checks", {
  id: uuid().primaryKey().defaultRandom(),
  checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  checkedBy: uuid().references(() => users.id),
  ok: boolean().notNull(),
  checked: integer().notNull(),
  problem: text(),
});

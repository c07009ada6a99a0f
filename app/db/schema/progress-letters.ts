import { sql } from "drizzle-orm";
import {
  check,
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
import { caseCorrespondence } from "./casework";
import { users } from "./identity";
import { caseDocuments, cases } from "./referrals";

/** The wording of a progress letter as the team edits it: the letter's text, nothing else. */
export interface ProgressLetterText {
  heading: string;
  salutation: string;
  paragraphs: { heading?: string; text: string }[];
  signOff: string[];
}

/**
 * A progress letter to a case's client (docs/decisions/032-progress-letters.md): drafted from
 * the case's record by its team, checked by a lead of the project and filed as sent. One draft
 * per case at a time; a sent letter is never changed.
 */
export const caseProgressLetters = pgTable(
  "case_progress_letters",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    status: text({ enum: ["draft", "sent"] })
      .notNull()
      .default("draft"),
    /** What the letter reports on: the case's record from this day. */
    since: date({ mode: "string" }).notNull(),
    /** The version of the project's progress letter template it was made from (1: the code's). */
    templateVersion: integer().notNull(),
    content: jsonb().$type<ProgressLetterText>().notNull(),
    preparedBy: uuid().references(() => users.id),
    preparedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid().references(() => users.id),
    sentOn: date({ mode: "string" }),
    documentId: uuid().references(() => caseDocuments.id),
    docxDocumentId: uuid().references(() => caseDocuments.id),
    correspondenceId: uuid().references(() => caseCorrespondence.id),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("case_progress_letters_case_idx").on(t.caseId, t.sentOn),
    uniqueIndex("case_progress_letters_one_draft").on(t.caseId).where(sql`${t.status} = 'draft'`),
    check(
      "case_progress_letters_sent_is_filed",
      sql`${t.status} = 'draft' OR (${t.approvedBy} IS NOT NULL AND ${t.sentOn} IS NOT NULL AND ${t.documentId} IS NOT NULL)`,
    ),
  ],
);

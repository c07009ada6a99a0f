import { index, integer, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { caseDocuments } from "./referrals";

/**
 * A redacted copy of a case document, kept as a new case document beside its original: which
 * original it was made from, how many passages were removed and areas painted over, and who
 * made it. The passages and areas themselves are not kept here (the original still holds them).
 */
export const caseDocumentRedactions = pgTable(
  "case_document_redactions",
  {
    id: uuid().primaryKey().defaultRandom(),
    originalId: uuid()
      .notNull()
      .references(() => caseDocuments.id, { onDelete: "cascade" }),
    redactedId: uuid()
      .notNull()
      .references(() => caseDocuments.id, { onDelete: "cascade" }),
    passages: integer().notNull(),
    areas: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("case_document_redactions_redacted_key").on(t.redactedId),
    index("case_document_redactions_original_idx").on(t.originalId),
  ],
);

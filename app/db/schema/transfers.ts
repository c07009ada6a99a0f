import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { establishments } from "./intake";
import { cases } from "./referrals";

export const MOVE_SOURCES = ["network", "project"] as const;

/**
 * Where a project's client has been held or lives, as the case knows it: each transfer,
 * release or new address, recorded by the project on its case or passed on from the
 * network's applicant record (docs/decisions/029-tasks-alerts-and-transfers.md). The case's
 * `applicant` copy holds where they are now; these rows are the history.
 */
export const caseClientMoves = pgTable(
  "case_client_moves",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** The establishment they moved to; null when released (see postalAddress). */
    establishmentId: uuid().references(() => establishments.id),
    /** The establishment's name as it was, so the history reads the same if it is renamed. */
    establishmentName: text(),
    postalAddress: text(),
    fromDate: date({ mode: "string" }).notNull(),
    /** Whose record it came from: the network's applicant, or the project's case. */
    source: text({ enum: MOVE_SOURCES }).notNull(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_client_moves_case_idx").on(t.caseId, t.fromDate)],
);

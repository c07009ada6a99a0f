import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { applications } from "./intake";
import { organisations } from "./organisations";
import { cases } from "./referrals";

/**
 * Tasks and quiet-case alerts (docs/decisions/029-tasks-alerts-and-transfers.md). A task is
 * set by someone for a colleague in their own organisation, on one application or one case.
 */

export const TASK_SOURCES = ["person", "chase"] as const;

/** Something a colleague is asked to do by a day, on an application or a case. */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The organisation whose work it is: the application's network or the case's project. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    applicationId: uuid().references(() => applications.id),
    caseId: uuid().references(() => cases.id),
    assigneeId: uuid()
      .notNull()
      .references(() => users.id),
    /** Who set it; for a chase task, who made the request for more information. */
    setBy: uuid().references(() => users.id),
    what: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    /** "person": set by someone; "chase": from a request for more information's chase date. */
    source: text({ enum: TASK_SOURCES }).notNull().default("person"),
    /** The due date the assignee was last reminded of: a moved due date is reminded again. */
    remindedFor: date({ mode: "string" }),
    doneAt: timestamp({ withTimezone: true }),
    doneBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("tasks_assignee_idx").on(t.assigneeId, t.dueOn),
    index("tasks_application_idx").on(t.applicationId),
    index("tasks_case_idx").on(t.caseId),
    check("tasks_one_subject", sql`(${t.applicationId} is null) <> (${t.caseId} is null)`),
  ],
);

/**
 * A quiet spell of a case that has been alerted: one row per case and the last activity the
 * spell started from, so each spell is alerted once however often the housekeeping runs.
 */
export const quietCaseAlerts = pgTable(
  "quiet_case_alerts",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    quietSince: timestamp({ withTimezone: true }).notNull(),
    days: integer().notNull(),
    alertedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("quiet_case_alerts_key").on(t.caseId, t.quietSince)],
);

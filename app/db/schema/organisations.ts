import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The network (the hub) and its member projects. */
export const organisations = pgTable("organisations", {
  id: uuid().primaryKey().defaultRandom(),
  kind: text({ enum: ["network", "project"] }).notNull(),
  name: text().notNull(),
  hostInstitution: text(),
  projectKind: text({ enum: ["university", "law_firm", "other"] }),
  jurisdictions: text().array().notNull().default(sql`'{}'::text[]`),
  status: text({ enum: ["active", "paused", "closed"] })
    .notNull()
    .default("active"),
  closedOn: date({ mode: "string" }),
  /** Since when the project has been paused (takes no new cases for now). */
  pausedOn: date({ mode: "string" }),
  capacity: integer(),
  addressLines: text().array().notNull().default(sql`'{}'::text[]`),
  contactEmail: text(),
  contactPhone: text(),
  website: text(),
  /** What the project is good at, e.g. forensic, sexual offences, joint enterprise. */
  specialisms: text().array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

/** When a project's students are away (summer, exams): no offers then. */
export const projectTermBreaks = pgTable(
  "project_term_breaks",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    label: text().notNull().default("Term break"),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
  },
  (t) => [index("project_term_breaks_org_idx").on(t.organisationId, t.startsOn)],
);

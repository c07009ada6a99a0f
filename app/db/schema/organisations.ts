import { sql } from "drizzle-orm";
import { date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
  capacity: integer(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

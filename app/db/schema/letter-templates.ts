import { sql } from "drizzle-orm";
import {
  check,
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

/**
 * Published versions of the network's letter templates
 * (docs/decisions/030-letter-templates-as-data.md). A row is one version of one template key,
 * never changed once published; the newest is the one new letters are made from. Version 1 of
 * every key is the template in code (app/letters/templates.ts), so a key with no row still
 * has its letter.
 */
export const letterTemplates = pgTable(
  "letter_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The network whose letters these are. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    key: text().notNull(),
    version: integer().notNull(),
    /** The template, in the shape of LetterTemplate (app/letters/templates.ts). */
    content: jsonb().notNull(),
    changeNote: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex("letter_templates_version_key").on(t.organisationId, t.key, t.version),
    index("letter_templates_key_idx").on(t.key, t.version),
    // Version 1 is the template in code.
    check("letter_templates_version_after_code", sql`${t.version} > 1`),
  ],
);

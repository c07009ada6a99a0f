import { sql } from "drizzle-orm";
import { boolean, check, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The identity of this database: one row, with a random id made when the schema is created.
 * A copy of the database (a restore, a template) keeps it; a new database gets another. The
 * document folder carries the same id in a marker file, so that files are only ever swept
 * by the database they belong to (docs/decisions/014-orphan-sweep-safety.md).
 */
export const installation = pgTable(
  "installation",
  {
    /** Always true: the primary key on it allows one row only. */
    singleton: boolean().primaryKey().default(true),
    id: uuid().notNull().defaultRandom(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("installation_one_row", sql`${t.singleton}`)],
);

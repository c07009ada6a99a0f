import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";

/**
 * The tables known to hold storage keys. Any other table with a `storage_key` column is read
 * too (found in the catalogue), so a table added later cannot have its files swept; one of
 * these missing means the schema is not the one this code knows, and nothing is swept.
 */
export const STORAGE_KEY_TABLES = ["documents", "import_runs", "case_documents"] as const;

/** Every storage key any table of this database refers to. Throws if it cannot tell. */
export async function referencedStorageKeys(db: Queryable): Promise<Set<string>> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.columns
          where table_schema = current_schema() and column_name = 'storage_key'`,
    )
  ).map((r) => r.name);
  const missing = STORAGE_KEY_TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0)
    throw new Error(`the database has no storage_key column in ${missing.join(", ")}`);
  const rows = await queryRows<{ key: string }>(
    db,
    sql.join(
      tables.map((t) => sql`select storage_key as key from ${sql.identifier(t)}`),
      sql` union `,
    ),
  );
  return new Set(rows.map((r) => r.key));
}

import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "~/db/database.server";

interface Reference {
  child: string;
  column: string;
  /** pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default. */
  rule: string;
}

async function referencesTo(tx: Tx, table: string): Promise<Reference[]> {
  return queryRows<Reference>(
    tx,
    sql`select c.conrelid::regclass::text as child, a.attname as "column", c.confdeltype as rule
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = ${table}::regclass
          and array_length(c.conkey, 1) = 1
        order by 1, 2`,
  );
}

async function columnsOf(tx: Tx, table: string): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`,
  );
  return new Set(rows.map((r) => r.name));
}

/** What a deletion took away: rows per table, and the storage keys of their files. */
export interface Deleted {
  rows: Record<string, number>;
  storageKeys: string[];
}

/**
 * Deletes rows of `table` by id together with every row that refers to them through a
 * foreign key, children first, found in the database's catalogue so a table added later is
 * not forgotten (a reference the database does not know, without a foreign key, is not
 * followed: see the ADR). References that null themselves on delete are left to the database.
 * Collects the storage keys of deleted rows that had files. Runs with the caller's rights.
 */
export async function deleteWithDependents(
  tx: Tx,
  table: string,
  ids: readonly string[],
  deleted: Deleted = { rows: {}, storageKeys: [] },
  depth = 0,
): Promise<Deleted> {
  if (ids.length === 0) return deleted;
  if (depth > 8) throw new Error(`references to ${table} are nested too deeply to erase`);
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  for (const ref of await referencesTo(tx, table)) {
    if (ref.rule === "n" || ref.rule === "d") continue;
    const childColumns = await columnsOf(tx, ref.child);
    const where = sql`${sql.identifier(ref.column)} in (${idList})`;
    if (childColumns.has("id") && ref.child !== table) {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`select id::text as id from ${sql.identifier(ref.child)} where ${where}`,
      );
      await deleteWithDependents(
        tx,
        ref.child,
        rows.map((r) => r.id),
        deleted,
        depth + 1,
      );
    } else {
      await deleteRows(tx, ref.child, where, childColumns.has("storage_key"), deleted);
    }
  }
  const columns = await columnsOf(tx, table);
  await deleteRows(tx, table, sql`id in (${idList})`, columns.has("storage_key"), deleted);
  return deleted;
}

async function deleteRows(
  tx: Tx,
  table: string,
  where: ReturnType<typeof sql>,
  hasFiles: boolean,
  deleted: Deleted,
): Promise<void> {
  const rows = await queryRows<{ key: string | null }>(
    tx,
    hasFiles
      ? sql`delete from ${sql.identifier(table)} where ${where} returning storage_key as key`
      : sql`delete from ${sql.identifier(table)} where ${where} returning null as key`,
  );
  if (rows.length === 0) return;
  deleted.rows[table] = (deleted.rows[table] ?? 0) + rows.length;
  for (const r of rows) if (r.key) deleted.storageKeys.push(r.key);
}

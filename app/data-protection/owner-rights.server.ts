import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "~/db/database.server";

/**
 * Runs `fn` with the database owner's rights inside the caller's transaction, then drops back
 * to the application role. Only for data-protection work after the officer's right to act for
 * the organisation has been checked: finding what is due across tables the officer cannot
 * read, and erasing rows the application role may not delete (docs/decisions/
 * 020-retention-and-erasure.md). In a transaction already run as the owner it just runs `fn`.
 */
export async function withOwnerRights<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [who] = await queryRows<{ role: string }>(tx, sql`select current_user as role`);
  if (who?.role !== "clearname_app") return fn();
  await tx.execute(sql`set local role none`);
  try {
    return await fn();
  } finally {
    await tx.execute(sql`select set_config('role', 'clearname_app', true)`);
  }
}

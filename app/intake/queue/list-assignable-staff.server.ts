import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";

export interface StaffMember {
  id: string;
  name: string;
}

/**
 * People applications can be assigned to: users with an active membership (today) whose role
 * may see applications, and who are not disabled.
 *
 * LIMITATION: row-level security on `users` and `memberships` lets someone without
 * `view:membership:own` or `manage:user:any` (an intake officer) see only themselves, so for
 * them this lists only themselves, and the queue shows other assignees without a name. The
 * migration 0009 adds the SECURITY DEFINER function `app_application_staff()`;
 * with it this query becomes `select id, name from app_application_staff() where current
 * order by name, id`, and the queue joins it instead of `users`.
 */
export async function listAssignableStaff(tx: Queryable): Promise<StaffMember[]> {
  return queryRows<StaffMember>(
    tx,
    sql`select id, name from app_application_staff() where current order by name, id`,
  );
}

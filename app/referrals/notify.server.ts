import { sql } from "drizzle-orm";
import type { Permission } from "~/access/catalogue";
import { type Queryable, queryRows } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";

export interface Notice {
  title: string;
  body: string;
  /** Where in Clearname to act on it, e.g. "/offers/…". */
  link: string;
}

/**
 * Tells everyone in an organisation who holds `permission` (a project's leads, the
 * network's coordinators): a notification in the app and an e-mail saying the same, both
 * recorded in the caller's transaction. Returns the deliveries to run after it commits.
 */
export async function notifyMembers(
  tx: Queryable,
  mailer: Mailer,
  organisationId: string,
  permission: Permission,
  notice: Notice,
  publicUrl: string,
): Promise<(() => Promise<void>)[]> {
  await tx.execute(
    sql`select app_notify(${organisationId}::uuid, ${permission}, ${notice.title}, ${notice.body}, ${notice.link})`,
  );
  const people = await queryRows<{ email: string; name: string }>(
    tx,
    sql`select email, name from app_member_emails(${organisationId}::uuid, ${permission})`,
  );
  const deliveries: (() => Promise<void>)[] = [];
  for (const person of people)
    deliveries.push(
      await mailer.send(tx, {
        to: person.email,
        subject: notice.title,
        text: [`Hello ${person.name},`, "", notice.body, "", `${publicUrl}${notice.link}`].join(
          "\n",
        ),
      }),
    );
  return deliveries;
}

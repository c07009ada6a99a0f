import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Permission } from "~/access/catalogue";
import type { Queryable } from "~/db/database.server";
import { memberships, notifications, rolePermissions, users } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { today } from "~/shared/dates";
import type { Notice } from "./notify.server";

/**
 * Telling people from work no user is doing (the hourly housekeeping, as the database
 * owner): who currently holds a permission in an organisation, and a notification in the
 * app with an e-mail saying the same. Requests use `notifyMembers` (notify.server.ts),
 * which goes through the database's own functions instead.
 */

/** Someone to tell: their account and where to write. */
export interface Person {
  id: string;
  name: string;
  email: string;
}

/**
 * The members of an organisation who hold `permission` on `day`: their membership has
 * started and not ended, and their account is not disabled. Read as the owner.
 */
export async function holders(
  tx: Queryable,
  organisationId: string,
  permission: Permission,
  day = today(),
): Promise<Person[]> {
  return tx
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(rolePermissions, eq(rolePermissions.roleKey, memberships.roleKey))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(rolePermissions.permissionKey, permission),
        isNull(users.disabledAt),
        lte(memberships.startsOn, day),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, day)),
      ),
    );
}

/**
 * Gives each person a notification in the app and writes them an e-mail saying the same,
 * both in the caller's transaction. Returns the deliveries to run after it commits.
 */
export async function tellPeople(
  tx: Queryable,
  mailer: Mailer,
  people: readonly Person[],
  notice: Notice,
  publicUrl: string,
): Promise<(() => Promise<void>)[]> {
  const deliveries: (() => Promise<void>)[] = [];
  for (const p of people) {
    await tx.insert(notifications).values({ userId: p.id, ...notice });
    deliveries.push(
      await mailer.send(tx, {
        to: p.email,
        subject: notice.title,
        text: [`Hello ${p.name},`, "", notice.body, "", `${publicUrl}${notice.link}`].join("\n"),
      }),
    );
  }
  return deliveries;
}

/** Tells everyone who holds `permission` in the organisation today (see `tellPeople`). */
export async function tellHolders(
  tx: Queryable,
  mailer: Mailer,
  organisationId: string,
  permission: Permission,
  notice: Notice,
  publicUrl: string,
): Promise<(() => Promise<void>)[]> {
  return tellPeople(tx, mailer, await holders(tx, organisationId, permission), notice, publicUrl);
}

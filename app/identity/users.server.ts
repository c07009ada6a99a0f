import { asc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import type { RoleKey } from "~/access/catalogue";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { memberships, organisations, users } from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  twoFactor: boolean;
  disabled: boolean;
  hasPassword: boolean;
  roles: { organisationName: string; roleKey: RoleKey; endsOn: string | null; active: boolean }[];
}

/** Every user with their roles, for the network's administrators. */
export async function listUsers(tx: Queryable, acting: Acting): Promise<UserSummary[]> {
  if (!can(acting.viewer, "manage:user:any")) throw forbidden();
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      totpEnabledAt: users.totpEnabledAt,
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      organisationName: organisations.name,
      roleKey: memberships.roleKey,
      endsOn: memberships.endsOn,
      active: sql<boolean>`${memberships.startsOn} <= current_date and (${memberships.endsOn} is null or ${memberships.endsOn} > current_date)`,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(users.name), asc(organisations.name));
  const byId = new Map<string, UserSummary>();
  for (const r of rows) {
    let user = byId.get(r.id);
    if (!user) {
      user = {
        id: r.id,
        name: r.name,
        email: r.email,
        twoFactor: r.totpEnabledAt !== null,
        disabled: r.disabledAt !== null,
        hasPassword: Boolean(r.hasPassword),
        roles: [],
      };
      byId.set(r.id, user);
    }
    if (r.roleKey && r.organisationName) {
      user.roles.push({
        organisationName: r.organisationName,
        roleKey: r.roleKey as RoleKey,
        endsOn: r.endsOn,
        active: Boolean(r.active),
      });
    }
  }
  return [...byId.values()];
}

/** Disables or re-enables an account; a disabled user's sessions stop working at once. */
export async function setUserDisabled(
  tx: Queryable,
  acting: Acting,
  userId: string,
  disabled: boolean,
): Promise<void> {
  if (!can(acting.viewer, "manage:user:any")) throw forbidden();
  if (userId === acting.viewer.id) throw forbidden("You cannot disable your own account.");
  const [row] = await tx
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!row) throw notFound("user");
  await recordAuditEvent(tx, actorOf(acting), {
    action: disabled ? "user.disabled" : "user.enabled",
    entityType: "user",
    entityId: userId,
  });
}

import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { isRoleKey, ROLES, type RoleKey } from "~/access/catalogue";
import { countInvitation } from "~/access/rate-limit.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { memberships, users } from "~/db/schema";
import { AppError, forbidden, invalid, notFound } from "~/errors/app-error";
import { newToken } from "~/identity/crypto.server";
import { INVITE_DAYS } from "~/identity/passwords-flow.server";
import type { Mailer } from "~/mail/mailer.server";
import type { AddMemberInput } from "./membership-schemas";
import { getOrganisation } from "./organisations.server";
import { canManageMembers, canViewMembers } from "./policies";

export interface Member {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  roleKey: RoleKey;
  startsOn: string;
  endsOn: string | null;
  active: boolean;
}

export async function listMembers(
  tx: Queryable,
  acting: Acting,
  organisationId: string,
): Promise<Member[]> {
  if (!canViewMembers(acting.viewer, organisationId))
    throw forbidden("You cannot see this organisation's members.");
  const rows = await tx
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      roleKey: memberships.roleKey,
      startsOn: memberships.startsOn,
      endsOn: memberships.endsOn,
      active: sql<boolean>`${memberships.startsOn} <= current_date and (${memberships.endsOn} is null or ${memberships.endsOn} > current_date)`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, roleKey: r.roleKey as RoleKey, active: Boolean(r.active) }));
}

/** Invitations one person may send in a window (docs/security.md, Throttles). */
export const INVITATION_THROTTLE = { limit: 30, windowMinutes: 60 } as const;

export type AddMemberResult = {
  invited: boolean;
  userId: string;
  membershipId: string;
  deliver: () => Promise<void>;
};

/**
 * Gives someone a role in an organisation. An unknown e-mail address becomes a new account
 * that is sent an invitation to set its password. The caller delivers the e-mail after commit.
 */
export async function addMember(
  tx: Queryable,
  acting: Acting,
  mailer: Mailer,
  input: AddMemberInput & { organisationId: string; publicUrl: string },
): Promise<AddMemberResult> {
  const organisation = await getOrganisation(tx, input.organisationId);
  if (!canManageMembers(acting.viewer, organisation.id))
    throw forbidden("You cannot manage this organisation's members.");
  if (!isRoleKey(input.roleKey) || ROLES[input.roleKey].scope !== organisation.kind) {
    throw invalid(
      `Choose a role that can be held in ${organisation.kind === "network" ? "the network" : "a project"}`,
      { field: "roleKey" },
    );
  }
  if (organisation.status === "closed")
    throw invalid("This project is closed: nobody can be added to it.", { field: "roleKey" });
  const actor = actorOf(acting);
  const [found] = await queryRows<{ id: string | null }>(
    tx,
    sql`select app_find_user_by_email(${input.email}) as id`,
  );
  let userId = found?.id ?? null;
  let deliver: () => Promise<void> = async () => undefined;
  const invited = userId === null;
  if (userId === null) {
    if (!input.name)
      throw invalid("Enter the person's name: there is no account with that e-mail address yet", {
        field: "name",
      });
    // Each invitation is an e-mail sent in Clearname's name to an address anyone can type.
    const verdict = await countInvitation(tx, INVITATION_THROTTLE);
    if (!verdict.allowed)
      throw new AppError(
        "THROTTLED",
        `You have invited ${INVITATION_THROTTLE.limit} people in the last hour. Wait ${verdict.retryAfterMinutes} minutes, then try again.`,
        { field: "email" },
      );
    // No RETURNING: a project's lead may create the account, but cannot read it back
    // under row-level security until it has a membership in their project.
    userId = randomUUID();
    await tx.insert(users).values({ id: userId, email: input.email, name: input.name });
    await recordAuditEvent(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: userId,
      details: { email: input.email },
    });
    // The acting user cannot write password_tokens: the database issues the invitation
    // through its checked function (drizzle/0001_roles_and_extensions.sql).
    const { token, hash } = newToken();
    const expires = new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString();
    await tx.execute(
      sql`select app_issue_invitation(${userId}::uuid, ${hash}, ${expires}::timestamptz)`,
    );
    deliver = await mailer.send(tx, {
      to: input.email,
      subject: `You have been invited to Clearname (${organisation.name})`,
      text: [
        `Hello ${input.name},`,
        "",
        `${acting.viewer.name} has given you the role of ${ROLES[input.roleKey].label} at ${organisation.name} in Clearname.`,
        `Open this link within ${INVITE_DAYS} days to choose your password:`,
        "",
        `${input.publicUrl}/reset-password/${token}`,
      ].join("\n"),
    });
  }
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organisationId, organisation.id),
        eq(memberships.roleKey, input.roleKey),
      ),
    );
  let membershipId: string;
  if (existing) {
    await tx
      .update(memberships)
      .set({ endsOn: input.endsOn ?? null })
      .where(eq(memberships.id, existing.id));
    membershipId = existing.id;
  } else {
    const [row] = await tx
      .insert(memberships)
      .values({
        userId,
        organisationId: organisation.id,
        roleKey: input.roleKey,
        endsOn: input.endsOn ?? null,
        createdBy: acting.viewer.id,
      })
      .returning({ id: memberships.id });
    if (!row) throw new Error("insert returned nothing");
    membershipId = row.id;
  }
  await recordAuditEvent(tx, actor, {
    action: existing ? "membership.updated" : "membership.created",
    entityType: "membership",
    entityId: membershipId,
    organisationId: organisation.id,
    details: { userId, roleKey: input.roleKey, endsOn: input.endsOn ?? null },
  });
  return { invited, userId, membershipId, deliver };
}

/** Sets or clears the day a membership ends; today or earlier ends access now. */
export async function setMembershipEnd(
  tx: Queryable,
  acting: Acting,
  input: { membershipId: string; endsOn: string | null },
): Promise<void> {
  const [row] = await tx
    .select({
      organisationId: memberships.organisationId,
      userId: memberships.userId,
      roleKey: memberships.roleKey,
    })
    .from(memberships)
    .where(eq(memberships.id, input.membershipId));
  if (!row) throw notFound("membership");
  if (!canManageMembers(acting.viewer, row.organisationId))
    throw forbidden("You cannot manage this organisation's members.");
  await tx
    .update(memberships)
    .set({ endsOn: input.endsOn })
    .where(eq(memberships.id, input.membershipId));
  const today = new Date().toISOString().slice(0, 10);
  await recordAuditEvent(tx, actorOf(acting), {
    action:
      input.endsOn !== null && input.endsOn <= today ? "membership.ended" : "membership.updated",
    entityType: "membership",
    entityId: input.membershipId,
    organisationId: row.organisationId,
    details: { userId: row.userId, roleKey: row.roleKey, endsOn: input.endsOn },
  });
}

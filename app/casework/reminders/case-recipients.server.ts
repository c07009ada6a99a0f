import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { cases, caseTeam, memberships, rolePermissions, users } from "~/db/schema";
import { holders, type Person } from "~/referrals/notify-holders.server";

/**
 * Who hears about a case's deadlines on `day`, for each of the given cases: the people on
 * its team that day, and the current leads of its project (whoever holds "manage:case:own"
 * there). Someone whose account is disabled, or whose membership of the project has ended
 * (or not yet begun), is left out, as is a team member whose time on the case is over.
 * Read as the owner, for the housekeeping.
 */
export async function caseRecipients(
  tx: Queryable,
  forCases: readonly { caseId: string; organisationId: string }[],
  day: string,
): Promise<Map<string, Person[]>> {
  const byCase = new Map<string, Map<string, Person>>();
  const add = (caseId: string, p: Person) => {
    const people = byCase.get(caseId) ?? new Map<string, Person>();
    people.set(p.id, { id: p.id, name: p.name, email: p.email });
    byCase.set(caseId, people);
  };
  const caseIds = [...new Set(forCases.map((c) => c.caseId))];
  if (caseIds.length === 0) return new Map();
  const team = await tx
    .selectDistinct({
      caseId: caseTeam.caseId,
      id: users.id,
      name: users.name,
      email: users.email,
    })
    .from(caseTeam)
    .innerJoin(cases, eq(cases.id, caseTeam.caseId))
    .innerJoin(users, eq(users.id, caseTeam.userId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, caseTeam.userId),
        eq(memberships.organisationId, cases.organisationId),
      ),
    )
    .innerJoin(rolePermissions, eq(rolePermissions.roleKey, memberships.roleKey))
    .where(
      and(
        inArray(caseTeam.caseId, caseIds),
        eq(rolePermissions.permissionKey, "view:case:own"),
        isNull(users.disabledAt),
        lte(caseTeam.startsOn, day),
        or(isNull(caseTeam.endsOn), gt(caseTeam.endsOn, day)),
        lte(memberships.startsOn, day),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, day)),
      ),
    );
  for (const t of team) add(t.caseId, t);
  const leads = new Map<string, Person[]>();
  for (const c of forCases) {
    let projectLeads = leads.get(c.organisationId);
    if (!projectLeads) {
      projectLeads = await holders(tx, c.organisationId, "manage:case:own", day);
      leads.set(c.organisationId, projectLeads);
    }
    for (const p of projectLeads) add(c.caseId, p);
  }
  return new Map([...byCase].map(([caseId, people]) => [caseId, [...people.values()]]));
}

import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import { caseTeam, memberships, users } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { today } from "~/shared/dates";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
  touchCase,
} from "../case-access.server";

export type TeamRole = "lead" | "caseworker";

export interface TeamMember {
  id: string;
  userId: string;
  /** Null when the user may not read the member's name (a caseworker sees only their own). */
  name: string | null;
  role: TeamRole;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
}

const onToday = (d: string) =>
  and(lte(caseTeam.startsOn, d), or(isNull(caseTeam.endsOn), gt(caseTeam.endsOn, d)));

/** The case's team: who is on it today, and (for leads) who was or will be. */
export async function teamOf(
  tx: Queryable,
  c: CaseRow,
  onlyCurrent = false,
): Promise<TeamMember[]> {
  const d = today();
  const rows = await tx
    .select({
      id: caseTeam.id,
      userId: caseTeam.userId,
      name: users.name,
      role: caseTeam.role,
      startsOn: caseTeam.startsOn,
      endsOn: caseTeam.endsOn,
    })
    .from(caseTeam)
    .leftJoin(users, eq(users.id, caseTeam.userId))
    .where(onlyCurrent ? and(eq(caseTeam.caseId, c.id), onToday(d)) : eq(caseTeam.caseId, c.id))
    .orderBy(asc(caseTeam.role), asc(users.name));
  // A caseworker cannot read other users' rows: the names come through a checked function.
  const names = new Map(
    (
      await queryRows<{ user_id: string; name: string }>(
        tx,
        sql`select user_id, name from app_case_team_names(${c.id}::uuid)`,
      )
    ).map((r) => [r.user_id, r.name]),
  );
  return rows.map((r) => ({
    ...r,
    name: r.name ?? names.get(r.userId) ?? null,
    current: r.startsOn <= d && (r.endsOn === null || r.endsOn > d),
  }));
}

/**
 * The project's current leads and caseworkers a lead may put on the case (read through the
 * lead's own right to see their project's memberships), less those on it today.
 */
export async function assignableMembers(
  tx: Queryable,
  c: CaseRow,
  exclude: readonly string[],
): Promise<{ userId: string; name: string; role: TeamRole }[]> {
  const d = today();
  const rows = await tx
    .selectDistinct({ userId: users.id, name: users.name, role: memberships.roleKey })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, c.organisationId),
        inArray(memberships.roleKey, ["project_lead", "caseworker"]),
        lte(memberships.startsOn, d),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, d)),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.name));
  const byUser = new Map<string, { userId: string; name: string; role: TeamRole }>();
  for (const r of rows) {
    if (exclude.includes(r.userId)) continue;
    const role: TeamRole = r.role === "project_lead" ? "lead" : "caseworker";
    const had = byUser.get(r.userId);
    if (!had || role === "lead") byUser.set(r.userId, { userId: r.userId, name: r.name, role });
  }
  return [...byUser.values()];
}

/** The team page: the team, and for a lead whom they may add. The viewing is audited. */
export async function getCaseTeam(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const lead = leadsCase(acting, c);
  const team = await teamOf(tx, c, !lead);
  const candidates = lead
    ? await assignableMembers(
        tx,
        c,
        team.filter((m) => m.current).map((m) => m.userId),
      )
    : [];
  await auditCase(tx, acting, c, "case_team.viewed");
  return {
    case: { ...caseHeading(c), applicantName: c.applicant.fullName, stage: c.stage },
    team,
    candidates,
    can: { assign: lead },
  };
}

/**
 * A lead puts a current project lead or caseworker on the case from `startsOn` (today unless
 * given: the next cohort joins on a later day) until `endsOn` (the first day they are off
 * it). Someone already on the team has their end date changed instead.
 */
export async function assignToCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: { userId: string; endsOn: string; startsOn?: string },
): Promise<{ memberId: string }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "choose a case's team");
  const d = today();
  const startsOn = input.startsOn ?? d;
  if (startsOn < d) throw invalid("The first day cannot be in the past.", { field: "startsOn" });
  if (input.endsOn <= d) throw invalid("The end date must be after today.", { field: "endsOn" });
  if (input.endsOn <= startsOn)
    throw invalid("The end date must be after the first day.", { field: "endsOn" });
  const candidate = (await assignableMembers(tx, c, [])).find((m) => m.userId === input.userId);
  if (!candidate)
    throw invalid("Only a current lead or caseworker of the project can join the team.", {
      field: "userId",
    });
  const [row] = await tx
    .insert(caseTeam)
    .values({
      caseId: c.id,
      userId: candidate.userId,
      role: candidate.role,
      startsOn,
      endsOn: input.endsOn,
      addedBy: acting.viewer.id,
    })
    .onConflictDoUpdate({
      target: [caseTeam.caseId, caseTeam.userId],
      set: {
        role: candidate.role,
        startsOn: sql`least(${caseTeam.startsOn}, ${startsOn}::date)`,
        endsOn: input.endsOn,
      },
    })
    .returning({ id: caseTeam.id });
  if (!row) throw conflict("The team could not be changed.");
  await auditCase(tx, acting, c, "case_team.assigned", {
    userId: candidate.userId,
    role: candidate.role,
    ...(input.startsOn ? { startsOn } : {}),
    endsOn: input.endsOn,
  });
  await touchCase(tx, c);
  return { memberId: row.id };
}

/** A lead takes someone off the case from today (the row is kept, ended, for the record). */
export async function removeFromCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  memberId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "choose a case's team");
  const d = today();
  const [row] = await tx
    .update(caseTeam)
    .set({ endsOn: d })
    .where(and(eq(caseTeam.id, memberId), eq(caseTeam.caseId, c.id), onToday(d)))
    .returning({ userId: caseTeam.userId });
  if (!row) throw notFound("team member");
  await auditCase(tx, acting, c, "case_team.removed", { userId: row.userId });
  await touchCase(tx, c);
}

import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { caseNotes, cases, tasks, users } from "~/db/schema";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import type { Mailer } from "~/mail/mailer.server";
import { getOrganisation } from "~/organisations/organisations.server";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { today } from "~/shared/dates";
import { setTask } from "~/tasks/set-task.server";
import { auditCase, type CaseRow, openCase } from "../case-access.server";
import { endOfAcademicYear } from "../team/academic-year";
import { assignableMembers, assignToCase, type TeamRole, teamOf } from "../team/case-team.server";
import {
  type AskedCase,
  academicYearStart,
  HANDOVER_TASK_WHAT,
  handoverDueOn,
  handoverRequestEmail,
  hasWrittenHandoverNote,
  isOnOrComing,
  isOutgoing,
  lastDayOn,
  type NoteByAuthor,
} from "./rules";

/** Only the project's own leads run its year-end; anyone else is refused. */
async function ledProject(tx: Queryable, acting: Acting, projectId: string) {
  const project = await getOrganisation(tx, projectId);
  if (project.kind !== "project" || !can(acting.viewer, "manage:case:own", project.id))
    throw forbidden("Only the project's leads can hand its cases over to the next year.");
  return project;
}

export interface YearEndMember {
  userId: string;
  name: string;
  role: TeamRole;
  startsOn: string;
  endsOn: string | null;
  /** Leaves the case by the end of the year. */
  outgoing: boolean;
  /** For someone outgoing: whether their hand-over note for this year is written. */
  noteWritten: boolean;
}

export interface YearEndCase {
  id: string;
  reference: string;
  clientName: string;
  stage: CaseRow["stage"];
  team: YearEndMember[];
  /** Project leads and caseworkers who may join it (not on or coming onto its team). */
  candidates: { userId: string; name: string; role: TeamRole }[];
}

/** The open cases of the project with their teams and notes, read without auditing. */
async function yearEndCases(
  tx: Queryable,
  projectId: string,
  yearEnd: string,
): Promise<{ rows: CaseRow[]; cases: YearEndCase[] }> {
  const d = today();
  const rows = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.organisationId, projectId), inArray(cases.stage, [...ACTIVE_CASE_STAGES])))
    .orderBy(asc(cases.reference));
  const notes: (NoteByAuthor & { caseId: string })[] =
    rows.length === 0
      ? []
      : (
          await tx
            .select({
              caseId: caseNotes.caseId,
              authorId: caseNotes.authorId,
              body: caseNotes.body,
              createdAt: caseNotes.createdAt,
            })
            .from(caseNotes)
            .where(
              and(
                inArray(
                  caseNotes.caseId,
                  rows.map((r) => r.id),
                ),
                gte(caseNotes.createdAt, new Date(`${academicYearStart(yearEnd)}T00:00:00Z`)),
              ),
            )
        ).map((n) => ({ ...n, writtenOn: n.createdAt.toISOString().slice(0, 10) }));
  const first = rows[0];
  const members = first ? await assignableMembers(tx, first, []) : [];
  const result: YearEndCase[] = [];
  for (const c of rows) {
    const team = (await teamOf(tx, c)).filter((m) => isOnOrComing(m, d));
    const onCase = notes.filter((n) => n.caseId === c.id);
    result.push({
      id: c.id,
      reference: c.reference ?? "",
      clientName: c.applicant.fullName,
      stage: c.stage,
      team: team.map((m) => {
        const outgoing = isOutgoing(m, yearEnd, d);
        return {
          userId: m.userId,
          name: m.name ?? "A team member",
          role: m.role,
          startsOn: m.startsOn,
          endsOn: m.endsOn,
          outgoing,
          noteWritten: outgoing && hasWrittenHandoverNote(m.userId, onCase, yearEnd),
        };
      }),
      candidates: members.filter((p) => !team.some((m) => m.userId === p.userId)),
    });
  }
  return { rows, cases: result };
}

/**
 * The year-end page: every open case of the project with who is on it, who leaves by
 * `yearEnd` (the end of the academic year unless the lead chooses another day) and whether
 * they have written their hand-over note. Each case's reading is audited.
 */
export async function getYearEnd(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  yearEnd = endOfAcademicYear(today()),
) {
  const project = await ledProject(tx, acting, projectId);
  const { rows, cases: list } = await yearEndCases(tx, project.id, yearEnd);
  for (const c of rows) await auditCase(tx, acting, c, "case.year_end_viewed", { yearEnd });
  const missing = list.flatMap((c) =>
    c.team.filter((m) => m.outgoing && !m.noteWritten).map((m) => ({ caseId: c.id, ...m })),
  );
  return {
    project: { id: project.id, name: project.name },
    yearEnd,
    today: today(),
    cases: list,
    missingNotes: missing.length,
  };
}

export type YearEnd = Awaited<ReturnType<typeof getYearEnd>>;

/** A case of this project, for a change made from its year-end page. */
async function caseOfProject(tx: Queryable, acting: Acting, projectId: string, caseId: string) {
  await ledProject(tx, acting, projectId);
  const c = await openCase(tx, acting, caseId);
  if (c.organisationId !== projectId) throw notFound("case");
  return c;
}

/**
 * Puts someone of the next cohort on a case from `startsOn`, until `endsOn` or, without one,
 * the end of the academic year they start in (the team page's own rule, `assignToCase`).
 */
export async function addNextMember(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  input: { caseId: string; userId: string; startsOn: string; endsOn?: string | undefined },
): Promise<{ memberId: string }> {
  const c = await caseOfProject(tx, acting, projectId, input.caseId);
  return assignToCase(tx, acting, c.id, {
    userId: input.userId,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? endOfAcademicYear(input.startsOn),
  });
}

/**
 * Sets the day a member leaves a case. It must be after today (`assignToCase`): this page
 * never ends anyone's access on the spot, so an outgoing member keeps the case until their
 * day and can still write their hand-over note. Taking someone off at once stays on the
 * case's team page.
 */
export async function setMemberEnd(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  input: { caseId: string; userId: string; endsOn: string },
): Promise<{ memberId: string }> {
  const c = await caseOfProject(tx, acting, projectId, input.caseId);
  const team = await teamOf(tx, c);
  const member = team.find((m) => m.userId === input.userId && isOnOrComing(m, today()));
  if (!member) throw invalid("That person is not on the case's team.", { field: "userId" });
  return assignToCase(tx, acting, c.id, { userId: input.userId, endsOn: input.endsOn });
}

/**
 * "Ask for hand-over notes": each outgoing member who has not written their note on a case
 * gets a task on that case (due on their last day) and one e-mail listing all such cases.
 * Asking again sends nothing about a case whose task is still open, so each request goes
 * once. The e-mails go after the transaction commits (the returned deliveries).
 */
export async function askForHandoverNotes(
  tx: Queryable,
  acting: Acting,
  mail: { mailer: Mailer; publicUrl: string },
  projectId: string,
  yearEnd: string,
): Promise<{ people: number; cases: number; deliveries: (() => Promise<void>)[] }> {
  const project = await ledProject(tx, acting, projectId);
  const d = today();
  const { cases: list } = await yearEndCases(tx, project.id, yearEnd);
  const asked = new Map<string, AskedCase[]>();
  for (const c of list) {
    for (const m of c.team) {
      if (!m.outgoing || m.noteWritten || m.endsOn === null || m.startsOn > d) continue;
      const [open] = await tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(
          and(
            eq(tasks.caseId, c.id),
            eq(tasks.assigneeId, m.userId),
            eq(tasks.what, HANDOVER_TASK_WHAT),
            isNull(tasks.doneAt),
          ),
        )
        .limit(1);
      if (open) continue;
      await setTask(
        tx,
        acting,
        mail,
        { kind: "case", id: c.id },
        { assigneeId: m.userId, what: HANDOVER_TASK_WHAT, dueOn: handoverDueOn(m.endsOn, d) },
        { tell: false },
      );
      asked.set(m.userId, [
        ...(asked.get(m.userId) ?? []),
        {
          caseId: c.id,
          reference: c.reference,
          clientName: c.clientName,
          lastDay: lastDayOn(m.endsOn),
        },
      ]);
    }
  }
  const deliveries: (() => Promise<void>)[] = [];
  if (asked.size === 0) return { people: 0, cases: 0, deliveries };
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, [...asked.keys()]));
  for (const p of people) {
    const email = handoverRequestEmail(
      p.name,
      acting.viewer.name,
      asked.get(p.id) ?? [],
      mail.publicUrl,
    );
    deliveries.push(await mail.mailer.send(tx, { to: p.email, ...email }));
  }
  const caseIds = [...new Set([...asked.values()].flat().map((a) => a.caseId))];
  await recordAuditEvent(tx, actorOf(acting), {
    action: "organisation.handover_notes_requested",
    entityType: "organisation",
    entityId: project.id,
    organisationId: project.id,
    details: { yearEnd, userIds: [...asked.keys()], caseIds },
  });
  return { people: asked.size, cases: caseIds.length, deliveries };
}

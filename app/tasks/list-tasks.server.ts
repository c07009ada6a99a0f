import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { applications, cases, tasks } from "~/db/schema";
import { type OpenSubject, openTaskSubject } from "./open-subject.server";
import { type Colleague, taskAssignees } from "./set-task.server";
import { type TaskSubject, tasksPathOf } from "./task-subject";

export interface TaskRow {
  id: string;
  what: string;
  dueOn: string;
  source: "person" | "chase";
  assigneeId: string;
  assigneeName: string;
  setByName: string | null;
  doneOn: string | null;
  version: number;
  /** Whether the viewer may mark it done (its assignee, or whoever set it). */
  canComplete: boolean;
  /** The application or case it is on, and its page of tasks. */
  reference: string;
  href: string;
}

type Raw = Omit<TaskRow, "assigneeName" | "setByName" | "canComplete" | "href" | "doneOn"> & {
  setBy: string | null;
  doneAt: Date | null;
  applicationId: string | null;
  caseId: string | null;
};

/** Names the people on the tasks, through the database's function for colleagues' names. */
async function named(tx: Queryable, acting: Acting, rows: Raw[]): Promise<TaskRow[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.assigneeId, r.setBy ?? r.assigneeId]))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const found = await queryRows<{ user_id: string; name: string }>(
      tx,
      sql`select user_id, name from app_colleague_names(array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[])`,
    );
    for (const f of found) names.set(f.user_id, f.name);
  }
  return rows.map((r) => ({
    id: r.id,
    what: r.what,
    dueOn: r.dueOn,
    source: r.source,
    assigneeId: r.assigneeId,
    assigneeName: names.get(r.assigneeId) ?? "a former colleague",
    setByName: r.setBy ? (names.get(r.setBy) ?? "a former colleague") : null,
    doneOn: r.doneAt ? r.doneAt.toISOString().slice(0, 10) : null,
    version: r.version,
    canComplete: r.assigneeId === acting.viewer.id || r.setBy === acting.viewer.id,
    // A case the assignee no longer sees (off its team) still names its task, without its reference.
    reference: r.reference || (r.caseId ? "A case" : "An application"),
    href: tasksPathOf(
      r.caseId
        ? { kind: "case", id: r.caseId }
        : { kind: "application", id: r.applicationId ?? "" },
    ),
  }));
}

const columns = {
  id: tasks.id,
  what: tasks.what,
  dueOn: tasks.dueOn,
  source: tasks.source,
  assigneeId: tasks.assigneeId,
  setBy: tasks.setBy,
  doneAt: tasks.doneAt,
  version: tasks.version,
  applicationId: tasks.applicationId,
  caseId: tasks.caseId,
  reference: sql<string>`coalesce(${cases.reference}, ${applications.reference}, '')`,
};

/**
 * The tasks on one application or case, open ones first by due date, with who they may be
 * set for. Read under row-level security: only the organisation's own members see them.
 */
export async function listSubjectTasks(
  tx: Queryable,
  acting: Acting,
  subject: TaskSubject,
): Promise<{ open: OpenSubject; tasks: TaskRow[]; colleagues: Colleague[] }> {
  const open = await openTaskSubject(tx, acting, subject);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "tasks.viewed",
    entityType: subject.kind,
    entityId: subject.id,
    subjectId: open.applicantId,
    organisationId: open.organisationId,
    details: { reference: open.reference },
  });
  const rows = await tx
    .select(columns)
    .from(tasks)
    .leftJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(applications, eq(applications.id, tasks.applicationId))
    .where(
      subject.kind === "case" ? eq(tasks.caseId, subject.id) : eq(tasks.applicationId, subject.id),
    )
    .orderBy(sql`${tasks.doneAt} is not null`, asc(tasks.dueOn), desc(tasks.createdAt));
  return {
    open,
    tasks: await named(tx, acting, rows as Raw[]),
    colleagues: await taskAssignees(tx, open),
  };
}

/** The viewer's own open tasks, the soonest due first: `limit` of them and how many in all. */
export async function myOpenTasks(
  tx: Queryable,
  acting: Acting,
  limit = 200,
): Promise<{ total: number; tasks: TaskRow[] }> {
  const where = and(eq(tasks.assigneeId, acting.viewer.id), isNull(tasks.doneAt));
  const [total] = await tx.select({ n: count() }).from(tasks).where(where);
  const rows = await tx
    .select(columns)
    .from(tasks)
    .leftJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(applications, eq(applications.id, tasks.applicationId))
    .where(where)
    .orderBy(asc(tasks.dueOn), asc(tasks.createdAt))
    .limit(limit);
  return { total: total?.n ?? 0, tasks: await named(tx, acting, rows as Raw[]) };
}

import { sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { tasks } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import type { Mailer } from "~/mail/mailer.server";
import { type OpenSubject, openTaskSubject } from "./open-subject.server";
import type { TaskInput } from "./schemas";
import type { TaskSubject } from "./task-subject";
import { tasksPathOf } from "./task-subject";

export interface Colleague {
  id: string;
  name: string;
}

/**
 * Who a task on this application or case may be set for: the organisation's current members
 * who can see it (a case's leads and team; the network's staff for an application), read
 * through the database's own function, since a caseworker cannot read other users' rows.
 */
export async function taskAssignees(tx: Queryable, open: OpenSubject): Promise<Colleague[]> {
  return queryRows<Colleague>(
    tx,
    sql`select id, name from app_task_assignees(${open.organisationId}::uuid, ${
      open.subject.kind === "case" ? open.subject.id : null
    }::uuid) order by name`,
  );
}

/** Writes the task into the audit trail: the application's applicant is its subject. */
export async function auditTask(
  tx: Queryable,
  acting: Acting,
  open: OpenSubject,
  action: string,
  taskId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(tx, actorOf(acting), {
    action,
    entityType: "task",
    entityId: taskId,
    subjectId: open.applicantId,
    organisationId: open.organisationId,
    details: {
      reference: open.reference,
      [open.subject.kind === "case" ? "caseId" : "applicationId"]: open.subject.id,
      ...details,
    },
  });
}

/**
 * Sets a task for a colleague on an application or a case of the viewer's organisation. The
 * assignee is told at once — a notification in the app and an e-mail through the outbox, sent
 * after the transaction commits (the returned deliveries) — and reminded as it falls due.
 * `tell: false` leaves the telling to a caller that writes one e-mail about several tasks.
 */
export async function setTask(
  tx: Queryable,
  acting: Acting,
  mail: { mailer: Mailer; publicUrl: string },
  subject: TaskSubject,
  input: TaskInput,
  options: { tell?: boolean } = {},
): Promise<{ taskId: string; deliveries: (() => Promise<void>)[] }> {
  const open = await openTaskSubject(tx, acting, subject);
  if (open.closed)
    throw invalid("This case is closed: a lead reopens it before anyone sets a task on it.");
  const colleagues = await taskAssignees(tx, open);
  const assignee = colleagues.find((c) => c.id === input.assigneeId);
  if (!assignee)
    throw invalid(
      subject.kind === "case"
        ? "Choose someone on the case's team or one of the project's leads."
        : "Choose someone in the network who works on applications.",
      { field: "assigneeId" },
    );
  const [task] = await tx
    .insert(tasks)
    .values({
      organisationId: open.organisationId,
      applicationId: subject.kind === "application" ? subject.id : null,
      caseId: subject.kind === "case" ? subject.id : null,
      assigneeId: assignee.id,
      setBy: acting.viewer.id,
      what: input.what,
      dueOn: input.dueOn,
    })
    .returning({ id: tasks.id });
  if (!task) throw new Error("the task was not saved");
  await auditTask(tx, acting, open, "task.set", task.id, {
    assigneeId: assignee.id,
    dueOn: input.dueOn,
    what: input.what,
  });
  if (options.tell === false) return { taskId: task.id, deliveries: [] };
  const link = tasksPathOf(subject);
  const title = `A task for you on ${open.reference}, due ${input.dueOn}`;
  const body = `${acting.viewer.name} asked you to: ${input.what}`;
  const people = await queryRows<{ email: string; name: string }>(
    tx,
    sql`select email, name from app_notify_task(${task.id}::uuid, ${title}, ${body}, ${link})`,
  );
  const deliveries: (() => Promise<void>)[] = [];
  for (const p of people)
    deliveries.push(
      await mail.mailer.send(tx, {
        to: p.email,
        subject: title,
        text: [`Hello ${p.name},`, "", body, "", `${mail.publicUrl}${link}`].join("\n"),
      }),
    );
  return { taskId: task.id, deliveries };
}

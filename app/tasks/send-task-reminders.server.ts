import { sql } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { REMINDER_WINDOW_DAYS } from "~/casework/reminders/due-deadlines.server";
import { type Db, queryRows } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";
import { tellPeople } from "~/referrals/notify-holders.server";
import { today } from "~/shared/dates";
import { tasksPathOf } from "./task-subject";

const SYSTEM = { userId: null, ip: null, requestId: null };

/**
 * Run by the hourly housekeeping (as the owner), like the case deadlines' reminders: each
 * open task due within REMINDER_WINDOW_DAYS, or overdue, is reminded to its assignee once
 * for its due date — a notification and an e-mail — while they are still a current member
 * of the task's organisation. `reminded_for` is claimed in the same statement that picks the
 * task, so a run at the same time sends nothing twice; a task whose due date moves is
 * reminded again. E-mails go after the transaction commits. Returns how many were sent.
 */
export async function sendTaskReminders(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  day = today(),
): Promise<number> {
  const deliveries: (() => Promise<void>)[] = [];
  const sent = await db.transaction(async (tx) => {
    const due = await queryRows<{
      id: string;
      what: string;
      due_on: string;
      case_id: string | null;
      application_id: string | null;
      reference: string;
      user_id: string;
      name: string;
      email: string;
    }>(
      tx,
      sql`with claimed as (
          update tasks t set reminded_for = t.due_on
          where t.done_at is null
            and t.due_on <= ${day}::date + ${REMINDER_WINDOW_DAYS}::int
            and t.reminded_for is distinct from t.due_on
            -- A closed case gets no reminders (docs/decisions/027-closing-a-case.md).
            and not exists (select 1 from cases k where k.id = t.case_id and k.stage = 'closed')
            and exists (select 1 from memberships m join users u on u.id = m.user_id
              where m.user_id = t.assignee_id and m.organisation_id = t.organisation_id
                and u.disabled_at is null and m.starts_on <= ${day}::date
                and (m.ends_on is null or m.ends_on > ${day}::date))
          returning t.id, t.what, t.due_on, t.case_id, t.application_id, t.assignee_id)
        select c.id, c.what, c.due_on::text as due_on, c.case_id, c.application_id,
          coalesce(k.reference, a.reference, '') as reference,
          u.id as user_id, u.name, u.email
        from claimed c
        join users u on u.id = c.assignee_id
        left join cases k on k.id = c.case_id
        left join applications a on a.id = c.application_id`,
    );
    for (const t of due) {
      const overdue = t.due_on < day;
      deliveries.push(
        ...(await tellPeople(
          tx,
          mailer,
          [{ id: t.user_id, name: t.name, email: t.email }],
          {
            title: `${overdue ? "Overdue" : "Due"} on ${t.due_on}: your task on ${t.reference}`,
            body: `Your task: ${t.what}`,
            link: tasksPathOf(
              t.case_id
                ? { kind: "case", id: t.case_id }
                : { kind: "application", id: t.application_id ?? "" },
            ),
          },
          publicUrl,
        )),
      );
    }
    if (due.length > 0)
      await recordAuditEvent(tx, SYSTEM, {
        action: "task.reminders_sent",
        entityType: "task",
        details: { day, reminders: due.length, taskIds: due.map((t) => t.id) },
      });
    return due.length;
  });
  for (const d of deliveries) await d();
  return sent;
}

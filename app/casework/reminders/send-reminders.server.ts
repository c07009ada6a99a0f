import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Db } from "~/db/database.server";
import { caseReminders } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { tellPeople } from "~/referrals/notify-holders.server";
import { today } from "~/shared/dates";
import { caseRecipients } from "./case-recipients.server";
import { dueDeadlines } from "./due-deadlines.server";
import { reminderNotice } from "./reminder-notice";

const SYSTEM = { userId: null, ip: null, requestId: null };

/**
 * Run by the hourly housekeeping (as the owner): everyone on an active case's team today,
 * and the project's leads, are reminded of each of the case's deadlines that falls due
 * within REMINDER_WINDOW_DAYS or has passed — a notification in the app and an e-mail,
 * once per person, deadline and due date. `case_reminders` remembers who was told, so a
 * later run (or one running at the same time) sends nothing again; a deadline moved to a
 * new date is reminded afresh. E-mails go after the transaction commits. Returns how many
 * reminders were sent.
 */
export async function sendCaseReminders(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  day = today(),
): Promise<number> {
  const deliveries: (() => Promise<void>)[] = [];
  const sent = await db.transaction(async (tx) => {
    const due = await dueDeadlines(tx, day);
    if (due.length === 0) return 0;
    const recipients = await caseRecipients(tx, due, day);
    const caseIds = new Set<string>();
    const userIds = new Set<string>();
    let count = 0;
    for (const deadline of due) {
      for (const person of recipients.get(deadline.caseId) ?? []) {
        const claimed = await tx
          .insert(caseReminders)
          .values({
            caseId: deadline.caseId,
            userId: person.id,
            kind: deadline.kind,
            dueOn: deadline.on,
            what: deadline.what,
          })
          .onConflictDoNothing({
            target: [
              caseReminders.caseId,
              caseReminders.userId,
              caseReminders.kind,
              caseReminders.dueOn,
              caseReminders.what,
            ],
          })
          .returning({ id: caseReminders.id });
        if (claimed.length === 0) continue;
        deliveries.push(
          ...(await tellPeople(tx, mailer, [person], reminderNotice(deadline, day), publicUrl)),
        );
        caseIds.add(deadline.caseId);
        userIds.add(person.id);
        count++;
      }
    }
    if (count > 0)
      await recordAuditEvent(tx, SYSTEM, {
        action: "case.reminders_sent",
        entityType: "case",
        details: {
          day,
          reminders: count,
          cases: caseIds.size,
          people: userIds.size,
          caseIds: [...caseIds],
          userIds: [...userIds],
        },
      });
    return count;
  });
  for (const d of deliveries) await d();
  return sent;
}

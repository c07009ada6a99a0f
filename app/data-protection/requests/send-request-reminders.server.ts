import { eq, inArray } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Db } from "~/db/database.server";
import { dataSubjectRequests } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { holders, tellPeople } from "~/referrals/notify-holders.server";
import { today } from "~/shared/dates";
import { effectiveDue, OPEN_STATUSES, reminderDue } from "./rules";
import { KIND_LABELS } from "./schemas";

const SYSTEM = { userId: null, ip: null, requestId: null };

/**
 * Run by the hourly housekeeping (as the owner): the officers of the organisation a request
 * was made to are told when it is REMINDER_DAYS from due, and again when it is overdue —
 * once each, kept in `reminded_on` — in the app and by e-mail. E-mails go after the
 * transaction commits. Returns how many requests were reminded of.
 */
export async function sendRequestReminders(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  day = today(),
): Promise<number> {
  const deliveries: (() => Promise<void>)[] = [];
  const sent = await db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(dataSubjectRequests)
      .where(inArray(dataSubjectRequests.status, [...OPEN_STATUSES]))
      .for("update", { skipLocked: true });
    let count = 0;
    for (const request of open) {
      const reminder = reminderDue(request, day);
      if (!reminder) continue;
      const due = effectiveDue(request);
      const what = `${KIND_LABELS[request.kind]} request ${request.reference}`;
      const notice =
        reminder === "overdue"
          ? {
              title: `${what} is overdue`,
              body: `It was due on ${due}. Answer it, or record why not, as soon as you can.`,
            }
          : {
              title: `${what} is due on ${due}`,
              body: `It is due within a week. Extend it now, with the reason, if more time is needed.`,
            };
      const officers = await holders(tx, request.organisationId, "protect:data:own", day);
      deliveries.push(
        ...(await tellPeople(
          tx,
          mailer,
          officers,
          { ...notice, link: `/data-protection/requests/${request.id}` },
          publicUrl,
        )),
      );
      await tx
        .update(dataSubjectRequests)
        .set({ remindedOn: day })
        .where(eq(dataSubjectRequests.id, request.id));
      await recordAuditEvent(tx, SYSTEM, {
        action: "subject_request.reminded",
        entityType: "data_subject_request",
        entityId: request.id,
        organisationId: request.organisationId,
        details: { reminder, dueOn: due, officers: officers.length },
      });
      count++;
    }
    return count;
  });
  for (const deliver of deliveries) await deliver();
  return sent;
}

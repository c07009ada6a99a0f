import { sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { tasks } from "~/db/schema";

/**
 * A request for more information, once decided, becomes a task for whoever made it: to chase
 * the applicant on the chase date if nothing has arrived. It is reminded like any task.
 */
export async function setChaseTask(
  tx: Queryable,
  acting: Acting,
  request: {
    organisationId: string;
    applicationId: string;
    applicantId: string;
    reference: string;
    /** The assessor who recommended asking; whoever recorded the decision if unknown. */
    requestedBy: string | null;
    chaseOn: string;
    informationRequested: string | null;
  },
): Promise<string> {
  const asked = request.informationRequested?.trim();
  const what = `Chase the applicant for the information asked for${
    asked ? `: ${asked.length > 300 ? `${asked.slice(0, 300)}…` : asked}` : ""
  }`;
  // An assessor who has since left the network cannot be given it: whoever decided takes it.
  const [current] = request.requestedBy
    ? await queryRows<{ ok: boolean }>(
        tx,
        sql`select app_user_in_org(${request.requestedBy}::uuid, ${request.organisationId}::uuid) as ok`,
      )
    : [];
  const assigneeId = current?.ok && request.requestedBy ? request.requestedBy : acting.viewer.id;
  const [task] = await tx
    .insert(tasks)
    .values({
      organisationId: request.organisationId,
      applicationId: request.applicationId,
      assigneeId,
      setBy: acting.viewer.id,
      what,
      dueOn: request.chaseOn,
      source: "chase",
    })
    .returning({ id: tasks.id });
  if (!task) throw new Error("the chase task was not saved");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "task.set",
    entityType: "task",
    entityId: task.id,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: {
      reference: request.reference,
      applicationId: request.applicationId,
      assigneeId,
      dueOn: request.chaseOn,
      source: "chase",
    },
  });
  return task.id;
}

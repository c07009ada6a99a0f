import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { tasks } from "~/db/schema";
import { conflict, forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

/**
 * Marks a task done: by its assignee, or by whoever set it (a task set by mistake, or done by
 * someone else). A task another organisation's member names is "not found"; the version
 * catches a task changed since the page was read.
 */
export async function completeTask(
  tx: Queryable,
  acting: Acting,
  taskId: string,
  version: number,
): Promise<{ taskId: string }> {
  if (!isId(taskId)) throw notFound("task");
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound("task");
  if (task.assigneeId !== acting.viewer.id && task.setBy !== acting.viewer.id)
    throw forbidden("Only the person the task is for, or who set it, can mark it done.");
  if (task.doneAt) throw conflict("This task is already done.");
  const [done] = await tx
    .update(tasks)
    .set({ doneAt: new Date(), doneBy: acting.viewer.id, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, taskId), eq(tasks.version, version)))
    .returning({ id: tasks.id });
  if (!done) throw conflict("This task changed after you opened the page. Check it again.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "task.done",
    entityType: "task",
    entityId: taskId,
    organisationId: task.organisationId,
    details: {
      ...(task.caseId ? { caseId: task.caseId } : { applicationId: task.applicationId }),
      assigneeId: task.assigneeId,
      dueOn: task.dueOn,
    },
  });
  return { taskId };
}

import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { WORK_LIST_SIZE, type WorkList } from "~/shared/work-list";
import { myOpenTasks } from "./list-tasks.server";

/** The viewer's open tasks on their home page, the soonest due first, whatever their role. */
export async function tasksWork(tx: Queryable, acting: Acting, today: string): Promise<WorkList> {
  const mine = await myOpenTasks(tx, acting, WORK_LIST_SIZE);
  return {
    key: "tasks",
    title: "Your tasks",
    count: mine.total,
    items: mine.tasks.map((t) => ({
      key: t.id,
      label: t.reference,
      href: t.href,
      detail: `${t.what.length > 80 ? `${t.what.slice(0, 80)}…` : t.what}, due ${t.dueOn}${
        t.dueOn < today ? " (overdue)" : ""
      }`,
    })),
    queueHref: "/tasks",
    queueLabel: "All your tasks",
    none: "No task is set for you.",
  };
}

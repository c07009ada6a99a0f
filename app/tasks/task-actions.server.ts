import { servicesContext } from "~/context.server";
import { formAction } from "~/ui/form-action.server";
import { completeTask } from "./complete-task.server";
import { TaskDoneSchema, TaskSchema } from "./schemas";
import { setTask } from "./set-task.server";
import { tasksPathOf } from "./task-subject";

/**
 * The action of an application's or a case's tasks page (`/applications/:id/tasks`,
 * `/cases/:id/tasks`): setting a task, its e-mail sent once the change commits, and marking
 * one done.
 */
export function subjectTasksAction(kind: "application" | "case") {
  return formAction({
    ids: ["id"],
    intents: (intent) => ({
      set: intent({
        schema: TaskSchema,
        run: async (input, { tx, acting, ids, args, afterCommit }) => {
          const { mailer, config } = args.context.get(servicesContext);
          const set = await setTask(
            tx,
            acting,
            { mailer, publicUrl: config.publicUrl },
            { kind, id: ids.id },
            input,
          );
          afterCommit(set.deliveries);
          return set;
        },
        done: (_, ids) => `${tasksPathOf({ kind, id: ids.id })}?set=1`,
      }),
      done: intent({
        schema: TaskDoneSchema,
        run: (input, { tx, acting }) => completeTask(tx, acting, input.taskId, input.version),
        done: (_, ids) => `${tasksPathOf({ kind, id: ids.id })}?done=1`,
      }),
    }),
  });
}

import { useSearchParams } from "react-router";
import { SIGNED_IN } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import { completeTask } from "~/tasks/complete-task.server";
import { myOpenTasks } from "~/tasks/list-tasks.server";
import { TaskDoneSchema } from "~/tasks/schemas";
import { TaskTable } from "~/tasks/ui/task-parts";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/tasks";

export const middleware: Route.MiddlewareFunction[] = [access(SIGNED_IN)];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => myOpenTasks(tx, acting));
}

export const action = formAction({
  intents: (intent) => ({
    done: intent({
      schema: TaskDoneSchema,
      run: (input, { tx, acting }) => completeTask(tx, acting, input.taskId, input.version),
      done: "/tasks?done=1",
    }),
  }),
});

export default function MyTasks({ loaderData, actionData }: Route.ComponentProps) {
  const { tasks, total } = loaderData;
  const [searchParams] = useSearchParams();
  return (
    <>
      <title>Your tasks – Clearname</title>
      {searchParams.get("done") && !actionData ? (
        <div className="notice" role="status">
          <p>The task is marked done.</p>
        </div>
      ) : null}
      <ButtonFormProblem result={resultFor(actionData, "done")} />
      <h1>Your tasks</h1>
      {total === 0 ? (
        <p>No task is set for you.</p>
      ) : (
        <>
          <p>
            {total} open {total === 1 ? "task" : "tasks"}, the soonest due first.
          </p>
          <TaskTable tasks={tasks} caption="Your open tasks" showSubject />
        </>
      )}
    </>
  );
}

import { useSearchParams } from "react-router";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { TaskRow } from "../list-tasks.server";
import { SetTaskForm, TaskTable } from "./task-parts";

/** The body of an application's or a case's tasks page: its tasks, and setting a new one. */
export function SubjectTasks({
  reference,
  tasks,
  colleagues,
  today,
  closed = false,
  actionData,
}: {
  reference: string;
  /** A closed case: its tasks are listed, no new one is set. */
  closed?: boolean;
  tasks: TaskRow[];
  colleagues: { id: string; name: string }[];
  today: string;
  actionData: unknown;
}) {
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const notice = searchParams.get("set")
    ? "The task is set: they have been told by e-mail."
    : searchParams.get("done")
      ? "The task is marked done."
      : null;
  return (
    <>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ButtonFormProblem result={resultFor(actionData, "done")} />
      <h1>Tasks</h1>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks on {reference}</h2>
        {tasks.length === 0 ? (
          <p>No task has been set on {reference}.</p>
        ) : (
          <TaskTable tasks={tasks} caption={`Tasks on ${reference}`} />
        )}
      </section>
      <section aria-labelledby="set-heading" className="narrow">
        <h2 id="set-heading">Set a task</h2>
        {closed ? (
          <p>{reference} is closed: a lead reopens it before anyone sets a task on it.</p>
        ) : colleagues.length === 0 ? (
          <p>There is no one a task on {reference} can be set for.</p>
        ) : (
          <SetTaskForm
            key={formKey}
            colleagues={colleagues}
            lastResult={resultFor(actionData, "set")}
            today={today}
          />
        )}
      </section>
    </>
  );
}

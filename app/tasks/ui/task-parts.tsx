import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import type { TaskRow } from "../list-tasks.server";
import { TaskSchema } from "../schemas";

/** The form that sets a task for a colleague who sees the application or case. */
export function SetTaskForm({
  colleagues,
  lastResult,
  today,
}: {
  colleagues: { id: string; name: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  today: string;
}) {
  const [form, fields] = useForm({
    id: "set-task",
    lastResult,
    defaultValue: { dueOn: today },
    constraint: getZodConstraint(TaskSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TaskSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ assigneeId: fields.assigneeId, what: fields.what, dueOn: fields.dueOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="set" />
        <SelectField
          field={fields.assigneeId}
          label="Who it is for"
          options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextareaField field={fields.what} label="What is to be done" rows={3} />
        <TextField
          field={fields.dueOn}
          label="Due on"
          hint="They are reminded by e-mail a week before, for example 2026-12-23"
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Set the task
        </button>
      </Form>
    </>
  );
}

/** Tasks in a table: what, for whom, due, and a button to mark an open one done. */
export function TaskTable({
  tasks,
  caption,
  showSubject = false,
}: {
  tasks: TaskRow[];
  caption: string;
  showSubject?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showSubject ? <th scope="col">On</th> : null}
            <th scope="col">Due</th>
            <th scope="col">What</th>
            <th scope="col">For</th>
            <th scope="col">Set by</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id}>
              {showSubject ? (
                <td>
                  <Link to={t.href}>{t.reference}</Link>
                </td>
              ) : null}
              <td>{t.dueOn}</td>
              <td>{t.what}</td>
              <td>{t.assigneeName}</td>
              <td>
                {t.source === "chase" ? "From a request for information" : (t.setByName ?? "")}
              </td>
              <td>
                {t.doneOn ? (
                  t.doneOn
                ) : t.canComplete ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="done" />
                    <input type="hidden" name="taskId" value={t.id} />
                    <input type="hidden" name="version" value={t.version} />
                    <button type="submit" className="button button-secondary">
                      Mark done<span className="visually-hidden">: {t.what}</span>
                    </button>
                  </Form>
                ) : (
                  "Not yet"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import { TimeEntrySchema } from "../schemas";

/**
 * The form of a time entry, to log time or to correct an entry: the day, how long (hours and
 * minutes, or minutes alone) and what was done, under its error summary.
 */
export function TimeEntryForm({
  id,
  intent,
  lastResult,
  defaultValue,
  activityLabel,
  submit,
}: {
  id: string;
  /** The page's intent this form posts: `add` on the list, `change` on the correction page. */
  intent: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: { workedOn?: string; hours?: string; minutes?: string; activity?: string };
  activityLabel: string;
  submit: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    // No constraint attributes: the schema ends in a transform, which getZodConstraint cannot read.
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TimeEntrySchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          workedOn: fields.workedOn,
          hours: fields.hours,
          minutes: fields.minutes,
          activity: fields.activity,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <TextField field={fields.workedOn} label="Day worked" type="date" width="medium" />
        <fieldset className="fieldset">
          <legend className="label">How long</legend>
          <p className="hint">Hours and minutes, or minutes alone (for example 90).</p>
          <div className="casework-duration">
            <TextField field={fields.hours} label="Hours" width="short" />
            <TextField field={fields.minutes} label="Minutes" width="short" />
          </div>
        </fieldset>
        <TextField field={fields.activity} label={activityLabel} />
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
    </>
  );
}

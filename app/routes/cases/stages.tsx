import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getCaseStages, recordStage } from "~/casework/stages/record-stage.server";
import { RecordStageSchema } from "~/casework/stages/schemas";
import {
  APPEAL_OUTCOME_LABELS,
  CONCLUSIONS,
  DECISION_LABELS,
  OUTCOME_LABELS,
  REPRESENTATION_DAYS,
  REVIEW_BODY_LABELS,
  STAGE_STEPS,
  STEP_LABELS,
  stepLabel,
} from "~/casework/stages/steps";
import { CaseNav } from "~/casework/ui/case-nav";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import {
  CsrfInput,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useFormKey,
} from "~/ui/forms";
import type { Route } from "./+types/stages";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getCaseStages(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    record: intent({
      schema: RecordStageSchema,
      run: (input, { tx, acting, ids }) => recordStage(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/stages?recorded=1`,
    }),
  }),
});

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

type Page = Route.ComponentProps["loaderData"];

/** The form that records a step; drawn anew after each change that succeeds. */
function RecordStageForm({
  reviewBody,
  lastResult,
}: {
  reviewBody: Page["case"]["reviewBody"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "record-stage",
    lastResult,
    defaultValue: { occurredOn: today(), body: reviewBody },
    constraint: getZodConstraint(RecordStageSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RecordStageSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          step: fields.step,
          occurredOn: fields.occurredOn,
          reviewManager: fields.reviewManager,
          body: fields.body,
          deadlineOn: fields.deadlineOn,
          decision: fields.decision,
          hearingOn: fields.hearingOn,
          appealOutcome: fields.appealOutcome,
          outcome: fields.outcome,
          outcomeReason: fields.outcomeReason,
          note: fields.note,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="record" />
        <SelectField
          field={fields.step}
          label="Step"
          options={STAGE_STEPS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
        />
        <TextField field={fields.occurredOn} type="date" label="Date of the step" width="medium" />
        <TextField field={fields.reviewManager} label="Case review manager (under review)" />
        <SelectField
          field={fields.body}
          label="Review body (provisional statement)"
          options={options(REVIEW_BODY_LABELS)}
        />
        <SelectField
          field={fields.decision}
          label="Decision (review decided)"
          options={options(DECISION_LABELS)}
        />
        <TextField
          field={fields.hearingOn}
          type="date"
          label="Date of the hearing (appeal hearing)"
          width="medium"
        />
        <SelectField
          field={fields.appealOutcome}
          label="Outcome of the appeal"
          options={options(APPEAL_OUTCOME_LABELS)}
        />
        <SelectField
          field={fields.outcome}
          label="The project's conclusion (conclude)"
          options={CONCLUSIONS.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
        />
        <TextareaField field={fields.outcomeReason} label="Reasons for the conclusion" rows={4} />
        <TextField
          field={fields.deadlineOn}
          type="date"
          label="Deadline this step sets (optional)"
          hint="Leave empty for the default (representations on a provisional statement) or no deadline."
          width="medium"
        />
        <TextareaField field={fields.note} label="Note (optional)" rows={3} />
        <button type="submit" className="button">
          Record the step
        </button>
      </Form>
    </>
  );
}

export default function CaseStagesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, events, can } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  return (
    <>
      <title>{`Stages – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="stages" reference={c.reference} />
      {searchParams.get("recorded") && !actionData ? (
        <div className="notice" role="status">
          <p>Step recorded.</p>
        </div>
      ) : null}
      <p className="caption">
        {c.reference}: {c.applicantName}
      </p>
      <h1>Stages and outcome</h1>
      <dl className="summary-list">
        <div>
          <dt>Current stage</dt>
          <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
        </div>
        {c.outcome ? (
          <div>
            <dt>Outcome</dt>
            <dd>
              {OUTCOME_LABELS[c.outcome]}
              {c.outcomeReason ? <span className="pre-line">: {c.outcomeReason}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps so far</h2>
        {events.length === 0 ? (
          <p>No step has been recorded.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Steps of {c.reference}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Step</th>
                <th scope="col">Note</th>
                <th scope="col">Deadline</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{e.occurredOn}</td>
                  <td>{stepLabel(e.step)}</td>
                  <td className="pre-line">{e.note}</td>
                  <td>{e.deadlineOn ? `${e.deadlineOn}: ${e.deadlineWhat ?? ""}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can.record ? (
        <section aria-labelledby="record-heading" className="narrow">
          <h2 id="record-heading">Record a step</h2>
          <p className="hint">
            Fill in what the step needs: the case review manager for "under review"; the review body
            for a provisional statement of reasons (representations are due{" "}
            {REPRESENTATION_DAYS.sccrc} days later for the SCCRC, {REPRESENTATION_DAYS.ccrc} for the
            CCRC, unless you enter another deadline); the decision; the hearing date; the appeal's
            outcome; or, to conclude, the project's conclusion and its reasons.
          </p>
          <RecordStageForm
            key={formKey}
            reviewBody={c.reviewBody}
            lastResult={resultFor(actionData, "record")}
          />
        </section>
      ) : null}
    </>
  );
}

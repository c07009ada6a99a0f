import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { closeCase, getCaseClosing, reopenCase } from "~/casework/stages/close-case.server";
import {
  CLOSING_OUTCOME_LABELS,
  CloseCaseSchema,
  ReopenCaseSchema,
} from "~/casework/stages/closing-schemas";
import { OUTCOME_LABELS } from "~/casework/stages/steps";
import { CaseNav } from "~/casework/ui/case-nav";
import { CASE_OUTCOMES } from "~/db/schema/referrals";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/close";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getCaseClosing(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    close: intent({
      schema: CloseCaseSchema,
      run: (input, { tx, acting, ids }) => closeCase(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/close?closed=1`,
    }),
    reopen: intent({
      schema: ReopenCaseSchema,
      run: (input, { tx, acting, ids }) => reopenCase(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/close?reopened=1`,
    }),
  }),
});

type Page = Route.ComponentProps["loaderData"];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Each item of the checklist, labelled with what the case holds now. */
function checklistOptions(checklist: Page["checklist"]) {
  return [
    {
      value: "lines",
      label: `Open lines of investigation: ${plural(checklist.openLines, "line is", "lines are")} not done or abandoned. I have dealt with them.`,
    },
    {
      value: "papers",
      label: `Papers requested: ${plural(checklist.papersOutstanding, "request is", "requests are")} still unanswered. I have withdrawn or closed them.`,
    },
    {
      value: "documents",
      label: `Documents to return: ${plural(checklist.documentsToReturn, "document was", "documents were")} received from the client or others. I have returned any originals.`,
    },
    {
      value: "letter",
      label: checklist.lastLetterToClientOn
        ? `The client's closing letter: the last letter sent on this case was on ${checklist.lastLetterToClientOn}. The client has been told the case is closing.`
        : "The client's closing letter: no letter sent on this case is recorded. The client has been told the case is closing.",
    },
  ];
}

function CloseForm({
  checklist,
  lastResult,
}: {
  checklist: Page["checklist"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "close-case",
    lastResult,
    constraint: getZodConstraint(CloseCaseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseCaseSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ confirmed: fields.confirmed, outcome: fields.outcome, reasons: fields.reasons }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="close" />
        <ChoiceField
          field={fields.confirmed}
          label="Before closing, confirm each item"
          hint="The figures are the case's as it stands now."
          type="checkbox"
          options={checklistOptions(checklist)}
        />
        <ChoiceField
          field={fields.outcome}
          label="Outcome"
          type="radio"
          options={CASE_OUTCOMES.map((o) => ({ value: o, label: CLOSING_OUTCOME_LABELS[o] }))}
        />
        <TextareaField field={fields.reasons} label="Reasons for closing" rows={5} />
        <button type="submit" className="button button-warning">
          Close the case
        </button>
      </Form>
    </>
  );
}

function ReopenForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "reopen-case",
    lastResult,
    constraint: getZodConstraint(ReopenCaseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReopenCaseSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ reason: fields.reason }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="reopen" />
        <TextareaField field={fields.reason} label="Why is the case reopened?" rows={4} />
        <button type="submit" className="button">
          Reopen the case
        </button>
      </Form>
    </>
  );
}

/**
 * Closing a case (docs/decisions/027-closing-a-case.md): the lead confirms the checklist and
 * gives the outcome and reasons; a closed case is read-only until the lead reopens it.
 */
export default function CaseClosePage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, checklist, closure, can } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const closed = c.stage === "closed";
  return (
    <>
      <title>{`${closed ? "Reopen" : "Close"} the case – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="close" reference={c.reference} />
      {searchParams.get("closed") && !actionData ? (
        <div className="notice" role="status">
          <p>The case is closed.</p>
        </div>
      ) : null}
      {searchParams.get("reopened") && !actionData ? (
        <div className="notice" role="status">
          <p>The case is reopened.</p>
        </div>
      ) : null}
      <p className="caption">
        {c.reference}: {c.applicantName}
      </p>
      <h1>{closed ? "A closed case" : "Close the case"}</h1>
      <dl className="summary-list">
        <div>
          <dt>Stage</dt>
          <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
        </div>
        {closed && closure ? (
          <>
            <div>
              <dt>Outcome</dt>
              <dd>{OUTCOME_LABELS[closure.outcome]}</dd>
            </div>
            <div>
              <dt>Reasons</dt>
              <dd className="pre-line">{closure.reasons}</dd>
            </div>
            <div>
              <dt>Closed on</dt>
              <dd>{closure.closedAt.slice(0, 10)}</dd>
            </div>
          </>
        ) : null}
        {!closed && closure?.reopenedAt ? (
          <div>
            <dt>Last reopened</dt>
            <dd>
              {closure.reopenedAt.slice(0, 10)}
              {closure.reopenReason ? (
                <span className="pre-line">: {closure.reopenReason}</span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {closed ? (
        <p>
          Nothing in the case's file can be added or changed while it is closed, and it no longer
          counts against the project's places or gets reminders.
        </p>
      ) : null}
      {can.close ? (
        <section aria-labelledby="close-heading" className="narrow">
          <h2 id="close-heading">Closing</h2>
          <CloseForm
            key={formKey}
            checklist={checklist}
            lastResult={resultFor(actionData, "close")}
          />
        </section>
      ) : null}
      {can.reopen ? (
        <section aria-labelledby="reopen-heading" className="narrow">
          <h2 id="reopen-heading">Reopen the case</h2>
          <ReopenForm key={formKey} lastResult={resultFor(actionData, "reopen")} />
        </section>
      ) : null}
      {!can.close && !can.reopen ? (
        <p>
          {can.lead
            ? "This case is no longer with the project."
            : "Only the project's leads can close or reopen a case."}
        </p>
      ) : null}
    </>
  );
}

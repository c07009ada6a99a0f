import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { getCaseReportDraft, sendCaseReport } from "~/casework/report/case-report.server";
import { ReportView } from "~/casework/report/report-view";
import { periodAsked, periodProblem, SendReportSchema } from "~/casework/report/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/report";

/** The team may read the draft; sending is for the project's leads, checked in the domain. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const asked = periodAsked(request);
  // A period that cannot be reported on is said on the page, which shows the default period.
  const periodError = periodProblem(asked, today());
  const draft = await asViewer(context, (tx, acting) =>
    getCaseReportDraft(tx, acting, id, periodError ? {} : asked),
  );
  return { ...draft, periodError };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    // A file changed since the lead checked it is refused (409), said on the page shown anew.
    send: intent({
      schema: SendReportSchema,
      run: (input, { tx, acting, ids }) => sendCaseReport(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/report?sent=1`,
    }),
  }),
});

export default function CaseReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, content, fingerprint, sent, can, periodError } = loaderData;
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "send-report",
    lastResult: resultFor(actionData, "send"),
    constraint: getZodConstraint(SendReportSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SendReportSchema }),
  });
  // The hidden fields, filled in from what the lead checked, have no place on the page to show
  // an error: say it for the form.
  const checked = [fields.periodFrom, fields.periodTo, fields.fingerprint];
  const stale = checked.some((f) => f.errors?.length);
  const formErrors = [
    ...(form.errors ?? []),
    ...(stale ? ["Reload the page and check the report again."] : []),
  ];
  const period = `from=${content.period.from}&to=${content.period.to}`;
  return (
    <>
      <title>{`Annual case report – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="report" />
      {searchParams.get("sent") && !actionData ? (
        <div className="notice" role="status">
          <p>
            The annual case report was sent to the network. The next one is due on{" "}
            {c.annualReportDueOn}.
          </p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Annual case report</h1>
      <p className="lead">
        The report to the network for {content.period.from} to {content.period.to}, drawn from the
        file today. The next report is due on {c.annualReportDueOn}.
      </p>
      <p>
        <a href={`/cases/${c.id}/report.pdf?${period}`} download>
          Download the draft report (PDF)
        </a>
      </p>
      <details className="case-action" open={periodError ? true : undefined}>
        <summary>Change the period</summary>
        {periodError ? (
          <p id="period-error" className="error-message">
            <span className="visually-hidden">Error: </span>
            {periodError}
          </p>
        ) : null}
        <Form method="get" className="filter-bar" aria-label="The report's period">
          <div className="field">
            <label htmlFor="period-from" className="label">
              From
            </label>
            <input
              id="period-from"
              name="from"
              type="date"
              aria-describedby={periodError ? "period-error" : undefined}
              className="input input-medium"
              defaultValue={content.period.from}
            />
          </div>
          <div className="field">
            <label htmlFor="period-to" className="label">
              To
            </label>
            <input
              id="period-to"
              name="to"
              type="date"
              aria-describedby={periodError ? "period-error" : undefined}
              className="input input-medium"
              defaultValue={content.period.to}
            />
          </div>
          <button type="submit" className="button button-secondary">
            Show the report for this period
          </button>
        </Form>
      </details>

      <ReportView content={content} />

      {can.send ? (
        <section aria-labelledby="send-heading" className="narrow">
          <h2 id="send-heading">Send to the network</h2>
          <p>
            The network receives the report as shown above, with your comments. It does not see the
            working file.
          </p>
          <ErrorSummary
            form={{ id: form.id, errors: formErrors }}
            fields={{ comment: fields.comment, checked: fields.checked }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name={fields.periodFrom.name} value={content.period.from} />
            <input type="hidden" name={fields.periodTo.name} value={content.period.to} />
            <input type="hidden" name={fields.fingerprint.name} value={fingerprint} />
            <TextareaField field={fields.comment} label="Comments for the network" rows={5} />
            <CheckboxField field={fields.checked} label="I have checked this report" required />
            <button type="submit" className="button">
              Send to the network
            </button>
          </Form>
        </section>
      ) : (
        <p className="notice">Only the project's leads can send the report to the network.</p>
      )}

      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">Reports sent</h2>
        {sent.length === 0 ? (
          <p>No annual case report has been sent for this case.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Annual case reports sent to the network</caption>
            <thead>
              <tr>
                <th scope="col">Sent on</th>
                <th scope="col">Period</th>
                <th scope="col">Report</th>
              </tr>
            </thead>
            <tbody>
              {sent.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.sentOn}</th>
                  <td>
                    {r.periodFrom} to {r.periodTo}
                  </td>
                  <td>
                    <a href={`/cases/${c.id}/reports/${r.id}.pdf`} download>
                      Report sent on {r.sentOn} (PDF)
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

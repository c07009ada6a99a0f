import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  addCorrespondence,
  listCorrespondence,
} from "~/casework/correspondence/correspondence.server";
import { CorrespondenceSchema, KIND_LABELS } from "~/casework/correspondence/schemas";
import { CorrespondenceRecordFields } from "~/casework/correspondence/ui/record-fields";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { CaseNav } from "~/casework/ui/case-nav";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, SelectField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/correspondence";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) => listCorrespondence(tx, acting, id));
  return { ...page, today: today() };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: CorrespondenceSchema,
      run: async (input, { tx, acting, ids }) => {
        const { nextProgressLetterOn } = await addCorrespondence(tx, acting, ids.id, input);
        return input.isProgressLetter ? nextProgressLetterOn : null;
      },
      // A progress letter's notice says when the next one is due.
      done: (next, ids) =>
        `/cases/${ids.id}/correspondence?${next ? `progress=${next}` : "added=1"}`,
    }),
  }),
});

type Page = Route.ComponentProps["loaderData"];

/** The form that records correspondence; drawn anew (empty) after each change that succeeds. */
function AddCorrespondenceForm({
  page,
  lastResult,
}: {
  page: Page;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { case: c, documents } = page;
  const [form, fields] = useForm({
    id: "add-correspondence",
    lastResult,
    defaultValue: { occurredOn: page.today },
    constraint: getZodConstraint(CorrespondenceSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrespondenceSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          direction: fields.direction,
          kind: fields.kind,
          withWhom: fields.withWhom,
          thirdParty: fields.thirdParty,
          occurredOn: fields.occurredOn,
          summary: fields.summary,
          isProgressLetter: fields.isProgressLetter,
          documentId: fields.documentId,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <ChoiceField
          field={fields.direction}
          label="Sent or received"
          type="radio"
          options={[
            { value: "out", label: "Sent or made by the project" },
            { value: "in", label: "Received by the project" },
          ]}
        />
        <ChoiceField
          field={fields.kind}
          label="What it was"
          type="radio"
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <CorrespondenceRecordFields fields={fields} clientName={c.clientName} />
        <CheckboxField
          field={fields.isProgressLetter}
          label="This is a progress letter to the client"
          hint="The next progress letter will then be due 3 months after this date."
        />
        {documents.length > 0 ? (
          <SelectField
            field={fields.documentId}
            label="Document (optional)"
            hint="The letter or note in the case file, if there is one."
            options={documents.map((d) => ({ value: d.id, label: d.filename }))}
          />
        ) : null}
        <button type="submit" className="button">
          Record it
        </button>
      </Form>
    </>
  );
}

export default function CorrespondencePage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, correspondence, progressLetter } = loaderData;
  const [searchParams] = useSearchParams();
  const progress = searchParams.get("progress");
  const notice = progress
    ? `Progress letter recorded. The next one is due on ${progress}.`
    : searchParams.get("added")
      ? "Correspondence recorded."
      : searchParams.get("changed")
        ? "Correspondence corrected."
        : null;
  const formKey = useFormKey();
  const warn = progressLetter.state !== "scheduled";
  return (
    <>
      <title>{`Correspondence – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="correspondence" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Correspondence</h1>
      {c.closed ? null : (
        <div className={warn ? "notice notice-warning" : "notice"}>
          <p>
            {warn ? <strong>{progressLetter.message}</strong> : progressLetter.message} Progress
            letters go to the client every 3 months; recording one sets the next.
          </p>
          <p>
            <Link to={`/cases/${c.id}/progress-letter`}>
              Write the progress letter from the case's record
            </Link>
          </p>
        </div>
      )}
      {c.closed ? null : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Record correspondence</h2>
          <AddCorrespondenceForm
            key={formKey}
            page={loaderData}
            lastResult={resultFor(actionData, "add")}
          />
        </section>
      )}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Correspondence so far</h2>
        {correspondence.length === 0 ? (
          <p>No correspondence has been recorded.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Correspondence on {c.reference}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">What</th>
                  <th scope="col">With</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Document</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {correspondence.map((r) => (
                  <tr key={r.id}>
                    <td>{r.occurredOn}</td>
                    <td>
                      {KIND_LABELS[r.kind]} {r.direction === "out" ? "sent" : "received"}
                      {r.isProgressLetter ? (
                        <>
                          <br />
                          <strong>Progress letter</strong>
                        </>
                      ) : null}
                    </td>
                    <td>{r.withClient ? `The client (${c.clientName})` : r.party}</td>
                    <td className="pre-line">{r.summary}</td>
                    <td>
                      {r.documentId ? (
                        <a href={`/cases/${c.id}/documents/${r.documentId}`} download>
                          {r.documentName}
                        </a>
                      ) : (
                        "None"
                      )}
                    </td>
                    <td>
                      {r.mayChange ? (
                        <Link to={`/cases/${c.id}/correspondence/${r.id}`}>
                          Correct
                          <span className="visually-hidden">
                            {" "}
                            the record of {r.occurredOn} with{" "}
                            {r.withClient ? "the client" : r.party}
                          </span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

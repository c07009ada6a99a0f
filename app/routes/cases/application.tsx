import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  generateApplication,
  getApplication,
  markApplicationSent,
} from "~/casework/application/application.server";
import { GenerateApplicationSchema, MarkSentSchema } from "~/casework/application/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/application";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) => getApplication(tx, acting, id));
  return { ...page, today: today() };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    // Adding or removing a ground without JavaScript comes back here with nothing saved.
    generate: intent({
      schema: GenerateApplicationSchema,
      // The draft's files are stored as it is made; a refused draft takes them with it.
      run: ({ grounds }, { tx, acting, ids, args }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          generateApplication(tx, acting, store, ids.id, grounds),
        ),
      done: ({ version }, ids) => `/cases/${ids.id}/application?generated=${version}`,
    }),
    "mark-sent": intent({
      schema: MarkSentSchema,
      run: ({ applicationId, sentOn }, { tx, acting, ids }) =>
        markApplicationSent(tx, acting, ids.id, applicationId, sentOn),
      done: (_, ids) => `/cases/${ids.id}/application?sent=1`,
    }),
  }),
});

type Page = Route.ComponentProps["loaderData"];

function GroundsForm({
  page,
  lastResult,
}: {
  page: Page;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const empty = { ground: "", newMaterial: "", whyNotRaisedBefore: "" };
  const [form, fields] = useForm({
    id: "generate-application",
    lastResult,
    defaultValue: { grounds: page.latestGrounds.length ? page.latestGrounds : [empty] },
    constraint: getZodConstraint(GenerateApplicationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GenerateApplicationSchema }),
  });
  const grounds = fields.grounds.getFieldList();
  const errorFields: Record<
    string,
    (typeof fields)["grounds"] | ReturnType<(typeof grounds)[number]["getFieldset"]>["ground"]
  > = {
    grounds: fields.grounds,
  };
  grounds.forEach((g, i) => {
    const f = g.getFieldset();
    errorFields[`ground-${i}`] = f.ground;
    errorFields[`new-${i}`] = f.newMaterial;
    errorFields[`why-${i}`] = f.whyNotRaisedBefore;
  });
  return (
    <>
      <ErrorSummary form={form} fields={errorFields} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="generate" />
        <section
          id={fields.grounds.id}
          tabIndex={-1}
          className="repeatable"
          aria-labelledby="grounds-heading"
        >
          <h3 id="grounds-heading">The grounds</h3>
          <p className="hint">
            Each ground with the new evidence or argument it rests on, and why it was not raised at
            trial or on appeal.
          </p>
          {fields.grounds.errors?.length ? (
            <p id={fields.grounds.errorId} className="error-message">
              <span className="visually-hidden">Error: </span>
              {fields.grounds.errors[0]}
            </p>
          ) : null}
          {grounds.map((g, index) => {
            const f = g.getFieldset();
            return (
              <fieldset key={g.key} className="fieldset repeatable-item">
                <legend className="repeatable-legend">Ground {index + 1}</legend>
                <TextareaField field={f.ground} label="The ground" rows={2} />
                <TextareaField
                  field={f.newMaterial}
                  label="The new evidence or argument"
                  rows={4}
                />
                <TextareaField
                  field={f.whyNotRaisedBefore}
                  label="Why it was not raised at trial or on appeal"
                  rows={3}
                />
                {grounds.length > 1 ? (
                  <button
                    className="button button-secondary button-small"
                    {...form.remove.getButtonProps({ name: fields.grounds.name, index })}
                  >
                    Remove <span className="visually-hidden">ground {index + 1}</span>
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          <button
            className="button button-secondary"
            {...form.insert.getButtonProps({ name: fields.grounds.name, defaultValue: empty })}
          >
            Add a ground
          </button>
        </section>
        <button type="submit" className="button">
          Generate a new draft (DOCX and PDF)
        </button>
      </Form>
    </>
  );
}

function MarkSentForm({
  caseId,
  applicationId,
  version,
  today: day,
  lastResult,
}: {
  caseId: string;
  applicationId: string;
  version: number;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `mark-sent-${applicationId}`,
    lastResult,
    defaultValue: { applicationId, sentOn: day },
    constraint: getZodConstraint(MarkSentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MarkSentSchema }),
  });
  return (
    <details className="case-action" open={lastResult ? true : undefined}>
      <summary>Mark version {version} as sent</summary>
      <ErrorSummary form={form} fields={{ sentOn: fields.sentOn }} />
      <Form method="post" action={`/cases/${caseId}/application`} {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="mark-sent" />
        <input type="hidden" name="applicationId" value={applicationId} />
        <TextField field={fields.sentOn} label="Date sent" type="date" width="medium" />
        <button type="submit" className="button button-secondary">
          Mark as sent
        </button>
      </Form>
    </details>
  );
}

export default function ApplicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const page = loaderData;
  const { case: c, facts, versions, can } = page;
  const [searchParams] = useSearchParams();
  const generated = searchParams.get("generated");
  const notice = generated
    ? `Version ${generated} of the draft was generated and stored in the case file.`
    : searchParams.get("sent")
      ? "The version was marked as sent. It is kept as it was sent."
      : null;
  const short = page.body.toUpperCase();
  const markSent = resultFor(actionData, "mark-sent");
  return (
    <>
      <title>{`${short} application – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="application" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Application to the {page.bodyName}</h1>
      {page.jurisdictionKnown ? null : (
        <div className="notice notice-warning">
          <p>
            The conviction's jurisdiction is not recorded, so the draft is for the CCRC. If the
            conviction was in Scotland, the application goes to the SCCRC instead.
          </p>
        </div>
      )}
      <p>
        {page.body === "sccrc"
          ? "The SCCRC refers a case where a miscarriage of justice may have occurred and it is in the interests of justice to refer it: the draft says how both limbs are met."
          : 'The CCRC refers a conviction where there is a "real possibility" it would not be upheld, because of evidence or argument not raised before (s.13 Criminal Appeal Act 1995).'}
      </p>
      <section aria-labelledby="from-file-heading">
        <h2 id="from-file-heading">From the file</h2>
        <p>
          The draft takes the applicant's details, the conviction and sentence, the court, the
          appeals and previous applications from the case, and adds:
        </p>
        <h3>The applicant's own account</h3>
        <p>
          {facts.account
            ? "The applicant's answers fill what the file leaves out (the prisoner number, the court, the sentence) and the draft quotes their account of the appeals, earlier applications and why they say the conviction is wrong, marked as theirs."
            : "The applicant's own account did not come with the case, so the draft uses the file alone."}
        </p>
        <h3>Lines of investigation supporting innocence</h3>
        {facts.supportingLines.length === 0 ? (
          <p>None yet: record a line's result as "supports innocence" to include it.</p>
        ) : (
          <ul>
            {facts.supportingLines.map((l) => (
              <li key={l.description}>
                {l.description}
                {l.resultReason ? `: ${l.resultReason}` : ""}
              </li>
            ))}
          </ul>
        )}
        <h3>Supporting documents listed</h3>
        {facts.documents.length === 0 ? (
          <p>No documents in the case file.</p>
        ) : (
          <ul>
            {facts.documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </section>
      {c.closed ? null : can.generate ? (
        <section aria-labelledby="generate-heading" className="narrow">
          <h2 id="generate-heading">Generate a draft</h2>
          <GroundsForm page={page} lastResult={resultFor(actionData, "generate")} />
        </section>
      ) : (
        <p>Only the project's leads generate the application and mark it as sent.</p>
      )}
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {versions.length === 0 ? (
          <p>No draft has been generated.</p>
        ) : (
          <ul className="plain-list casework-versions">
            {versions.map((v) => (
              <li key={v.id}>
                <h3>
                  Version {v.version} ({v.body.toUpperCase()}, {v.groundCount} ground
                  {v.groundCount === 1 ? "" : "s"}), generated {v.createdOn}
                </h3>
                <p>
                  {v.docxDocumentId ? (
                    <a href={`/cases/${c.id}/documents/${v.docxDocumentId}`} download>
                      Word document (DOCX){" "}
                      <span className="visually-hidden">of version {v.version}</span>
                    </a>
                  ) : null}
                  {" · "}
                  {v.pdfDocumentId ? (
                    <a href={`/cases/${c.id}/documents/${v.pdfDocumentId}`} download>
                      PDF <span className="visually-hidden">of version {v.version}</span>
                    </a>
                  ) : null}
                </p>
                {v.sentOn ? (
                  <p className="casework-signed">Sent on {v.sentOn}: kept as sent.</p>
                ) : can.markSent ? (
                  <MarkSentForm
                    caseId={c.id}
                    applicationId={v.id}
                    version={v.version}
                    today={page.today}
                    lastResult={
                      markSent?.initialValue?.applicationId === v.id ? markSent : undefined
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

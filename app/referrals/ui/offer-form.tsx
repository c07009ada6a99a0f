import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { Form } from "react-router";
import { ALL_DOCUMENT_KIND_LABELS } from "~/intake/entry/upload-rules";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { ReferralCasePage } from "../get-referral-case.server";
import { offerSchema } from "../schemas";

function ErrorLine({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">Error: </span>
      {errors[0]}
    </p>
  );
}

/**
 * Offering the case to one project: the project (suggested ones first; one that is not
 * suggested only with "offer it anyway"), the case summary, the case pack and the date the
 * offer ends. The same schema checks it here and on the server.
 */
export function OfferForm({
  page,
  lastResult,
}: {
  page: Pick<ReferralCasePage, "suggestions" | "choices" | "documents" | "defaults">;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const schema = useMemo(() => offerSchema(page.choices), [page.choices]);
  const [form, fields] = useForm({
    id: "offer",
    lastResult,
    // The pack goes whole unless the coordinator takes something out: every document filed on
    // the application and the applicant's own account start ticked.
    defaultValue: {
      summary: page.defaults.summary,
      expiresOn: page.defaults.expiresOn,
      includeAccount: "on",
      documentIds: page.documents.map((d) => d.id),
    },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const offerable = page.suggestions.filter((s) => page.choices.offerable.includes(s.project.id));
  const notOfferable = page.suggestions.filter(
    (s) => !page.choices.offerable.includes(s.project.id),
  );
  const radios = getCollectionProps(fields.projectId, {
    type: "radio",
    options: offerable.map((s) => s.project.id),
    ariaAttributes: false,
  });
  const documentBoxes = getCollectionProps(fields.documentIds, {
    type: "checkbox",
    options: page.documents.map((d) => d.id),
    ariaAttributes: false,
  });
  const anyway = {
    ...getInputProps(fields.anyway, { type: "checkbox", ariaAttributes: false }),
    required: false,
  };
  const includeAccount = {
    ...getInputProps(fields.includeAccount, { type: "checkbox", ariaAttributes: false }),
    required: false,
  };
  const projectError = fields.projectId.errors?.length ? fields.projectId.errorId : undefined;
  const documentsError = fields.documentIds.errors?.length ? fields.documentIds.errorId : undefined;
  const anywayError = fields.anyway.errors?.length ? fields.anyway.errorId : undefined;

  if (offerable.length === 0)
    return (
      <p className="notice notice-warning">
        No member project is active, so the case cannot be offered now.
      </p>
    );

  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          projectId: fields.projectId,
          anyway: fields.anyway,
          summary: fields.summary,
          includeAccount: fields.includeAccount,
          documentIds: fields.documentIds,
          expiresOn: fields.expiresOn,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="offer" />

        <div className={`field${projectError ? " field-error" : ""}`}>
          <fieldset
            className="fieldset"
            id={fields.projectId.id}
            tabIndex={-1}
            aria-describedby={[`${fields.projectId.id}-hint`, projectError]
              .filter(Boolean)
              .join(" ")}
          >
            <legend className="label">Which project is the case offered to?</legend>
            <p className="hint" id={`${fields.projectId.id}-hint`}>
              Suggested projects come first. The reasons for and against each are in the table
              above.
              {notOfferable.length > 0
                ? ` Paused and closed projects cannot be offered cases: ${notOfferable
                    .map((s) => s.project.name)
                    .join(", ")}.`
                : ""}
            </p>
            <ErrorLine id={fields.projectId.errorId} errors={fields.projectId.errors} />
            <div className="choices">
              {radios.map(({ key, ...props }, i) => {
                const s = offerable[i];
                if (!s) return null;
                const hintId = `${props.id}-hint`;
                const why = s.suitable ? s.reasons : s.against;
                return (
                  <div className="choice" key={key}>
                    <input {...props} aria-describedby={why.length ? hintId : undefined} />
                    <label htmlFor={props.id}>
                      {s.project.name}
                      {s.suitable ? "" : " (not suggested)"}
                    </label>
                    {why.length ? (
                      <p className="hint" id={hintId}>
                        {why.join("; ")}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>

        <div className={`field${anywayError ? " field-error" : ""}`}>
          <ErrorLine id={fields.anyway.errorId} errors={fields.anyway.errors} />
          <div className="choice">
            <input
              {...anyway}
              key={anyway.key}
              aria-describedby={[`${fields.anyway.id}-hint`, anywayError].filter(Boolean).join(" ")}
            />
            <label htmlFor={fields.anyway.id}>Offer it anyway</label>
          </div>
          <p className="hint" id={`${fields.anyway.id}-hint`}>
            Needed only if you choose a project that is not suggested: tick it to confirm you have
            read what counts against it.
          </p>
        </div>

        <TextareaField
          field={fields.summary}
          label="Case summary for the project"
          hint="Started from the assessment's reasons. The project also receives the decision and the lines of investigation."
          rows={12}
        />

        <div className={`field${documentsError ? " field-error" : ""}`}>
          <fieldset
            className="fieldset"
            id={fields.documentIds.id}
            tabIndex={-1}
            aria-describedby={[`${fields.documentIds.id}-hint`, documentsError]
              .filter(Boolean)
              .join(" ")}
          >
            <legend className="label">What goes in the case pack</legend>
            <p className="hint" id={`${fields.documentIds.id}-hint`}>
              Everything filed on the application goes unless you untick it. The project's leads can
              read the pack while the offer is open; it is copied to the project if it accepts.
            </p>
            <div className="choice">
              <input
                {...includeAccount}
                key={includeAccount.key}
                aria-describedby={`${fields.includeAccount.id}-hint`}
              />
              <label htmlFor={fields.includeAccount.id}>The applicant's own account</label>
              <p className="hint" id={`${fields.includeAccount.id}-hint`}>
                The questionnaire's answers as the applicant (or their family) wrote them: what
                happened, why they say they are innocent, their appeals and prisoner number.
              </p>
            </div>
            <ErrorLine id={fields.documentIds.errorId} errors={fields.documentIds.errors} />
            {page.documents.length === 0 ? (
              <p>No documents are filed on this application.</p>
            ) : (
              <div className="choices">
                {documentBoxes.map(({ key, ...props }, i) => {
                  const d = page.documents[i];
                  if (!d) return null;
                  return (
                    <div className="choice" key={key}>
                      <input {...props} />
                      <label htmlFor={props.id}>
                        {d.filename}{" "}
                        <span className="hint">
                          ({ALL_DOCUMENT_KIND_LABELS[d.kind] ?? d.kind}, filed{" "}
                          {d.createdAt.slice(0, 10)})
                        </span>
                      </label>
                    </div>
                  );
                })}
              </div>
            )}
          </fieldset>
        </div>

        <TextField
          field={fields.expiresOn}
          label="The project must answer by"
          hint={`The offer lapses after this day and the case comes back to the queue. Usually 21 days: ${page.defaults.expiresOn}.`}
          type="date"
          width="medium"
        />

        <button type="submit" className="button">
          Offer the case
        </button>
      </Form>
    </>
  );
}

import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EVIDENCE_KIND_LABELS } from "~/casework/evidence/evidence-schemas";
import {
  EditLineSchema,
  LINE_RESULT_LABELS,
  LINE_RESULTS,
  LINE_STATUS_LABELS,
  LINE_STATUSES,
} from "~/casework/lines/line-schemas";
import { getLine, updateLine } from "~/casework/lines/lines.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, SelectField, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/lines.$lineId";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, lineId } = requireIds(params, ["id", "lineId"]);
  return asViewer(context, (tx, acting) => getLine(tx, acting, id, lineId));
}

export const action = formAction({
  ids: ["id", "lineId"],
  intents: (intent) => ({
    save: intent({
      schema: EditLineSchema,
      run: (input, { tx, acting, ids }) => updateLine(tx, acting, ids.id, ids.lineId, input),
      done: (_, ids) => `/cases/${ids.id}/lines/${ids.lineId}?saved=1`,
    }),
  }),
});

/**
 * The version the user started from: kept through a refused save, so that a stale form stays
 * stale until they look at what was saved in between.
 */
// biome-ignore lint/suspicious/noExplicitAny: the version field of the form
function VersionInput({ field }: { field: FieldMetadata<any, any, any> }) {
  const { key, ...props } = getInputProps(field, { type: "hidden" });
  return <input key={key} {...props} />;
}

export default function LinePage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, line, team, evidence, documents } = loaderData;
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "edit-line",
    lastResult: resultFor(actionData, "save"),
    defaultValue: {
      version: String(line.version),
      ownerId: line.ownerId ?? "",
      status: line.status,
      steps: line.steps,
      result: line.result ?? "",
      resultReason: line.resultReason ?? "",
    },
    constraint: getZodConstraint(EditLineSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditLineSchema }),
  });
  const notice = searchParams.get("added")
    ? "Line added."
    : searchParams.get("saved")
      ? "Line saved."
      : null;
  return (
    <>
      <title>{`${line.description} – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="lines" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">
        {c.reference} · {line.categoryLabel}
        {line.addedByProject ? " · added by the project" : " · from the referral"}
      </p>
      <h1>{line.description}</h1>
      {line.rationale ? <p className="pre-line">{line.rationale}</p> : null}
      {c.closed ? null : (
        <section aria-labelledby="work-heading" className="narrow">
          <h2 id="work-heading">Work on this line</h2>
          <ErrorSummary
            form={form}
            fields={{
              ownerId: fields.ownerId,
              status: fields.status,
              steps: fields.steps,
              result: fields.result,
              resultReason: fields.resultReason,
            }}
          />
          {form.errors?.length ? (
            <p>
              <Link to={`/cases/${c.id}/lines/${line.id}`}>See the line as it is now</Link>
            </p>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <VersionInput field={fields.version} />
            <SelectField
              field={fields.ownerId}
              label="Owner"
              hint="A member of the case's team."
              options={team.map((m) => ({ value: m.userId, label: m.name }))}
            />
            <ChoiceField
              field={fields.status}
              label="Status"
              type="radio"
              options={LINE_STATUSES.map((s) => ({ value: s, label: LINE_STATUS_LABELS[s] }))}
            />
            <TextareaField
              field={fields.steps}
              label="Steps taken"
              hint="What was done, when and by whom, so someone new can pick it up."
              rows={8}
            />
            <SelectField
              field={fields.result}
              label="Result (optional)"
              options={LINE_RESULTS.map((r) => ({ value: r, label: LINE_RESULT_LABELS[r] }))}
            />
            <TextareaField
              field={fields.resultReason}
              label="Why this result"
              hint="Required when there is a result."
              rows={4}
            />
            <button type="submit" className="button">
              Save
            </button>
          </Form>
        </section>
      )}
      <section aria-labelledby="line-evidence-heading">
        <h2 id="line-evidence-heading">Evidence from this line</h2>
        {evidence.length === 0 ? (
          <p>
            No evidence linked yet. Link an item to this line in the{" "}
            <Link to={`/cases/${c.id}/evidence`}>evidence register</Link>.
          </p>
        ) : (
          <ul className="plain-list">
            {evidence.map((e) => (
              <li key={e.id}>
                <Link to={`/cases/${c.id}/evidence#evidence-${e.id}`}>
                  {EVIDENCE_KIND_LABELS[e.kind]}
                </Link>
                : {e.description}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="line-documents-heading">
        <h2 id="line-documents-heading">Documents from this line</h2>
        {documents.length === 0 ? (
          <p>No documents linked through its evidence.</p>
        ) : (
          <ul className="plain-list">
            {documents.map((d) => (
              <li key={d.id}>
                <a href={`/cases/${c.id}/documents/${d.id}`} download>
                  {d.filename}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to={`/cases/${c.id}/lines`}>All lines of {c.reference}</Link>
      </p>
    </>
  );
}

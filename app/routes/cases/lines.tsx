import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  LINE_RESULT_LABELS,
  LINE_STATUS_LABELS,
  NewLineSchema,
} from "~/casework/lines/line-schemas";
import { addLine, listLines } from "~/casework/lines/lines.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/lines";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => listLines(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: NewLineSchema,
      run: (input, { tx, acting, ids }) => addLine(tx, acting, ids.id, input),
      done: ({ lineId }, ids) => `/cases/${ids.id}/lines/${lineId}?added=1`,
    }),
  }),
});

type Page = Route.ComponentProps["loaderData"];

/** The form that adds a line; drawn anew (empty) after each change that succeeds. */
function AddLineForm({
  categories,
  lastResult,
}: {
  categories: Page["categories"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "new-line",
    lastResult,
    constraint: getZodConstraint(NewLineSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewLineSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          category: fields.category,
          description: fields.description,
          rationale: fields.rationale,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <SelectField field={fields.category} label="Kind of line" options={categories} />
        <TextareaField field={fields.description} label="What is to be investigated" rows={3} />
        <TextareaField field={fields.rationale} label="Why (optional)" rows={3} />
        <button type="submit" className="button">
          Add the line
        </button>
      </Form>
    </>
  );
}

export default function Lines({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, lines, categories } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  return (
    <>
      <title>{`Lines of investigation – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="lines" />
      {searchParams.get("saved") && !actionData ? (
        <div className="notice" role="status">
          <p>Line saved.</p>
        </div>
      ) : null}
      <p className="caption">{c.reference}</p>
      <h1>Lines of investigation</h1>
      {lines.length === 0 ? (
        <p>No lines of investigation yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Lines of investigation of {c.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Kind</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/cases/${c.id}/lines/${l.id}`}>{l.description}</Link>
                  {l.addedByProject ? <span className="hint"> (added by the project)</span> : null}
                </td>
                <td>{l.category}</td>
                <td>{l.ownerName ?? "No owner"}</td>
                <td>{LINE_STATUS_LABELS[l.status]}</td>
                <td>{l.result ? LINE_RESULT_LABELS[l.result] : "None yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.closed ? null : (
        <section aria-labelledby="new-line-heading" className="narrow">
          <h2 id="new-line-heading">Add a line of investigation</h2>
          <AddLineForm
            key={formKey}
            categories={categories}
            lastResult={resultFor(actionData, "add")}
          />
        </section>
      )}
    </>
  );
}

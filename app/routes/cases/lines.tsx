import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  LINE_RESULT_LABELS,
  LINE_STATUS_LABELS,
  NewLineSchema,
} from "~/casework/lines/line-schemas";
import { addLine, listLines } from "~/casework/lines/lines.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { AppError } from "~/errors/app-error";
import { CsrfInput, ErrorSummary, SelectField, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/lines";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => listLines(tx, acting, params.id));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: NewLineSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  type Outcome = { lineId: string; field?: undefined } | { field: string; message: string };
  const outcome = await asViewer(context, async (tx, acting): Promise<Outcome> => {
    try {
      return { lineId: (await addLine(tx, acting, params.id, submission.value)).lineId };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "INVALID") throw error;
      return { field: String(error.details.field ?? "category"), message: error.message };
    }
  });
  if (outcome.field !== undefined)
    return data(
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) },
      { status: 400 },
    );
  throw redirect(`/cases/${params.id}/lines/${outcome.lineId}?added=1`);
}

export default function Lines({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, lines, categories } = loaderData;
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "new-line",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewLineSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewLineSchema }),
  });
  return (
    <>
      <title>{`Lines of investigation – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="lines" />
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
      <section aria-labelledby="new-line-heading" className="narrow">
        <h2 id="new-line-heading">Add a line of investigation</h2>
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
          <SelectField field={fields.category} label="Kind of line" options={categories} />
          <TextareaField field={fields.description} label="What is to be investigated" rows={3} />
          <TextareaField field={fields.rationale} label="Why (optional)" rows={3} />
          <button type="submit" className="button">
            Add the line
          </button>
        </Form>
      </section>
    </>
  );
}

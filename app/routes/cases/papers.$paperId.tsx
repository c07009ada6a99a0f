import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { attempt } from "~/casework/papers/attempt.server";
import { changePaper, getPaper, removePaper } from "~/casework/papers/paper-corrections.server";
import {
  EditPaperSchema,
  PAPER_KIND_LABELS,
  papersWithRequests,
} from "~/casework/papers/paper-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import type { Route } from "./+types/papers.$paperId";

/** Correcting or removing an entry of the papers inventory: anyone on the case. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getPaper(tx, acting, params.id, params.paperId));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const fail = (formId: string, result: SubmissionResult<string[]>, status = 400) =>
    data({ formId, result }, { status });
  if (formData.get("intent") === "remove") {
    const s = parseWithZod(formData, { schema: RemovalSchema });
    if (s.status !== "success") return fail("remove", s.reply());
    const o = await attempt(context, (tx, acting) =>
      removePaper(tx, acting, params.id, params.paperId),
    );
    if (!o.ok) return fail("remove", s.reply({ formErrors: [o.message] }), 409);
    throw redirect(`/cases/${params.id}/papers?removed=1`);
  }
  const s = parseWithZod(formData, { schema: EditPaperSchema });
  if (s.status !== "success") return fail("change-paper", s.reply());
  await asViewer(context, (tx, acting) =>
    changePaper(tx, acting, params.id, params.paperId, s.value),
  );
  throw redirect(`/cases/${params.id}/papers?updated=1`);
}

export default function PaperPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, paper, requests } = loaderData;
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
  const [form, fields] = useForm({
    id: "change-paper",
    lastResult: resultFor("change-paper"),
    defaultValue: {
      description: paper.description,
      location: paper.location,
      held: paper.held ? "yes" : "no",
    },
    constraint: getZodConstraint(EditPaperSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPaperSchema }),
  });
  const label = PAPER_KIND_LABELS[paper.kind];
  return (
    <>
      <title>{`Correct papers – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="papers" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct the inventory: {label}</h1>
      <p>The correction is recorded in the audit trail with what it replaced.</p>
      <section aria-labelledby="change-heading" className="narrow">
        <h2 id="change-heading">Change the entry</h2>
        <ErrorSummary
          form={form}
          fields={{
            description: fields.description,
            location: fields.location,
            held: fields.held,
          }}
        />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <TextField field={fields.description} label="Description (optional)" />
          <TextField field={fields.location} label="Where they are, or who has them (optional)" />
          <SelectField
            field={fields.held}
            label="Does the project hold them?"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
          />
          <button type="submit" className="button">
            Save the correction
          </button>
        </Form>
      </section>
      {requests > 0 ? (
        <section aria-labelledby="remove-heading" className="narrow">
          <h2 id="remove-heading">Remove the entry</h2>
          <div className="notice notice-warning">
            <p>{papersWithRequests(requests)}</p>
          </div>
        </section>
      ) : (
        <ConfirmRemoval
          lastResult={resultFor("remove")}
          heading="Remove the entry"
          warning="Remove papers from the inventory only if they were recorded by mistake. The audit trail keeps what the entry said."
          confirmLabel={`Yes, remove ${label} from the inventory`}
          button="Remove the entry"
        />
      )}
      <p>
        <Link to={`/cases/${c.id}/papers`}>Back to the case papers of {c.reference}</Link>
      </p>
    </>
  );
}

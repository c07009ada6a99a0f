import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { changePaper, getPaper, removePaper } from "~/casework/papers/paper-corrections.server";
import {
  EditPaperSchema,
  PAPER_KIND_LABELS,
  papersWithRequests,
} from "~/casework/papers/paper-schemas";
import { PaperFields } from "~/casework/papers/ui/paper-fields";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/papers.$paperId";

/** Correcting or removing an entry of the papers inventory: anyone on the case. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, paperId } = requireIds(params, ["id", "paperId"]);
  return asViewer(context, (tx, acting) => getPaper(tx, acting, id, paperId));
}

export const action = formAction({
  ids: ["id", "paperId"],
  intents: (intent) => ({
    change: intent({
      schema: EditPaperSchema,
      run: (input, { tx, acting, ids }) => changePaper(tx, acting, ids.id, ids.paperId, input),
      done: (_, ids) => `/cases/${ids.id}/papers?updated=1`,
    }),
    // Refused (409) while requests name the papers: the reason comes back to the form.
    remove: intent({
      schema: RemovalSchema,
      run: (_, { tx, acting, ids }) => removePaper(tx, acting, ids.id, ids.paperId),
      done: (_, ids) => `/cases/${ids.id}/papers?removed=1`,
    }),
  }),
});

export default function PaperPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, paper, requests } = loaderData;
  const [form, fields] = useForm({
    id: "change-paper",
    lastResult: resultFor(actionData, "change"),
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
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="papers" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct the inventory: {label}</h1>
      <p>The audit trail records which fields you corrected, by whom and when.</p>
      {c.closed ? null : (
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
            <input type="hidden" name="intent" value="change" />
            <PaperFields fields={fields} />
            <button type="submit" className="button">
              Save the correction
            </button>
          </Form>
        </section>
      )}
      {c.closed ? null : requests > 0 ? (
        <section aria-labelledby="remove-heading" className="narrow">
          <h2 id="remove-heading">Remove the entry</h2>
          <div className="notice notice-warning">
            <p>{papersWithRequests(requests)}</p>
          </div>
        </section>
      ) : (
        <ConfirmRemoval
          lastResult={resultFor(actionData, "remove")}
          heading="Remove the entry"
          warning="Remove papers from the inventory only if they were recorded by mistake. The audit trail records that it was removed, by whom and when."
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

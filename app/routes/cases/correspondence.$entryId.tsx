import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  changeCorrespondence,
  getCorrespondenceEntry,
} from "~/casework/correspondence/correspondence-corrections.server";
import { CorrectCorrespondenceSchema, KIND_LABELS } from "~/casework/correspondence/schemas";
import { CorrespondenceRecordFields } from "~/casework/correspondence/ui/record-fields";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/correspondence.$entryId";

/** Correcting correspondence: whoever recorded it, or a lead (checked in the domain). */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, entryId } = requireIds(params, ["id", "entryId"]);
  return asViewer(context, (tx, acting) => getCorrespondenceEntry(tx, acting, id, entryId));
}

export const action = formAction({
  ids: ["id", "entryId"],
  intents: (intent) => ({
    change: intent({
      schema: CorrectCorrespondenceSchema,
      run: (input, { tx, acting, ids }) =>
        changeCorrespondence(tx, acting, ids.id, ids.entryId, input),
      done: (_, ids) => `/cases/${ids.id}/correspondence?changed=1`,
    }),
  }),
});

export default function CorrespondenceEntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, entry } = loaderData;
  const [form, fields] = useForm({
    id: "change-correspondence",
    lastResult: resultFor(actionData, "change"),
    defaultValue: {
      withWhom: entry.withWhom,
      thirdParty: entry.thirdParty,
      occurredOn: entry.occurredOn,
      summary: entry.summary,
    },
    constraint: getZodConstraint(CorrectCorrespondenceSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectCorrespondenceSchema }),
  });
  const what = `${KIND_LABELS[entry.kind]} ${entry.direction === "out" ? "sent" : "received"}`;
  return (
    <>
      <title>{`Correct correspondence – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="correspondence" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct correspondence</h1>
      <p>
        {what} on {entry.occurredOn}
        {entry.isProgressLetter
          ? ". It is a progress letter: changing its date moves the next progress letter to 3 months after the latest one"
          : ""}
        . The audit trail records which fields you corrected, by whom and when.
      </p>
      {c.closed ? null : (
        <section aria-labelledby="change-heading" className="narrow">
          <h2 id="change-heading">Change the record</h2>
          <ErrorSummary
            form={form}
            fields={{
              withWhom: fields.withWhom,
              thirdParty: fields.thirdParty,
              occurredOn: fields.occurredOn,
              summary: fields.summary,
            }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="change" />
            <CorrespondenceRecordFields fields={fields} clientName={c.clientName} />
            <button type="submit" className="button">
              Save the correction
            </button>
          </Form>
        </section>
      )}
      <p>
        <Link to={`/cases/${c.id}/correspondence`}>
          Back to the correspondence of {c.reference}
        </Link>
      </p>
    </>
  );
}

import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listEvidence, saveEvidence } from "~/casework/evidence/evidence.server";
import {
  EVIDENCE_KIND_LABELS,
  EvidenceSchema,
  USED_AT_TRIAL_LABELS,
} from "~/casework/evidence/evidence-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import {
  ChoiceField,
  CsrfInput,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useFormKey,
} from "~/ui/forms";
import type { Route } from "./+types/evidence";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => listEvidence(tx, acting, id));
}

/** One intent for adding and editing: an item posted with its id and version is an edit. */
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    save: intent({
      schema: EvidenceSchema,
      run: (input, { tx, acting, ids }) => saveEvidence(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/evidence?saved=1`,
    }),
  }),
});

// biome-ignore lint/suspicious/noExplicitAny: a hidden field of the form
function Hidden({ field }: { field: FieldMetadata<any, any, any> }) {
  const { key, ...props } = getInputProps(field, { type: "hidden" });
  return <input key={key} {...props} />;
}

const trialLabel = (v: boolean | null) =>
  v === null
    ? USED_AT_TRIAL_LABELS.unknown
    : v
      ? USED_AT_TRIAL_LABELS.yes
      : USED_AT_TRIAL_LABELS.no;

type Page = Route.ComponentProps["loaderData"];
type Item = Page["items"][number];

/**
 * The form that adds an item, or edits the one chosen; drawn anew (empty) after each change
 * that succeeds.
 */
function EvidenceForm({
  page,
  editing,
  lastResult,
}: {
  page: Page;
  editing: Item | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { case: c, causes, lines, documents } = page;
  const [form, fields] = useForm({
    id: editing ? `evidence-${editing.id}-form` : "evidence-new",
    lastResult,
    defaultValue: editing
      ? {
          id: editing.id,
          version: String(editing.version),
          kind: editing.kind,
          description: editing.description,
          source: editing.source,
          usedAtTrial:
            editing.usedAtTrial === null ? "unknown" : editing.usedAtTrial ? "yes" : "no",
          howChallenged: editing.howChallenged,
          fallibility: editing.fallibility,
          lineId: editing.lineId ?? "",
          documentId: editing.documentId ?? "",
        }
      : { usedAtTrial: "unknown" },
    constraint: getZodConstraint(EvidenceSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EvidenceSchema }),
  });
  // Retired codes stay offered on an item that already has them, so saving keeps them.
  const causeOptions = causes
    .filter((k) => k.active || editing?.fallibility.includes(k.key))
    .map((k) => ({ value: k.key, label: k.label }));
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          kind: fields.kind,
          description: fields.description,
          source: fields.source,
          usedAtTrial: fields.usedAtTrial,
          howChallenged: fields.howChallenged,
          fallibility: fields.fallibility,
          lineId: fields.lineId,
          documentId: fields.documentId,
        }}
      />
      {form.errors?.length ? (
        <p>
          <Link to={`/cases/${c.id}/evidence`}>See the register as it is now</Link>
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        {editing ? (
          <>
            <Hidden field={fields.id} />
            <Hidden field={fields.version} />
          </>
        ) : null}
        <SelectField
          field={fields.kind}
          label="Kind of evidence"
          options={Object.entries(EVIDENCE_KIND_LABELS).map(([value, label]) => ({
            value,
            label,
          }))}
        />
        <TextareaField field={fields.description} label="Description" rows={4} />
        <TextField
          field={fields.source}
          label="Source (optional)"
          hint="Who or what it came from."
        />
        <ChoiceField
          field={fields.usedAtTrial}
          label="Was it used at trial?"
          type="radio"
          options={Object.entries(USED_AT_TRIAL_LABELS).map(([value, label]) => ({
            value,
            label,
          }))}
        />
        <TextareaField
          field={fields.howChallenged}
          label="How it was challenged (optional)"
          rows={3}
        />
        <ChoiceField
          field={fields.fallibility}
          label="Fallibility (optional)"
          hint="How this kind of evidence is known to fail, from the causes taxonomy."
          type="checkbox"
          options={causeOptions}
        />
        <SelectField
          field={fields.lineId}
          label="Line of investigation (optional)"
          options={lines.map((l) => ({ value: l.id, label: l.description }))}
        />
        <SelectField
          field={fields.documentId}
          label="Document (optional)"
          options={documents.map((d) => ({ value: d.id, label: d.filename }))}
        />
        <button type="submit" className="button">
          {editing ? "Save the item" : "Add the item"}
        </button>
        {editing ? (
          <p>
            <Link to={`/cases/${c.id}/evidence`}>Cancel</Link>
          </p>
        ) : null}
      </Form>
    </>
  );
}

export default function Evidence({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, items, causes, lines, documents } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const editing = items.find((i) => i.id === searchParams.get("edit")) ?? null;
  const causeLabel = new Map(causes.map((k) => [k.key, k.label]));
  return (
    <>
      <title>{`Evidence – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="evidence" />
      {searchParams.get("saved") && !actionData ? (
        <div className="notice" role="status">
          <p>Evidence saved.</p>
        </div>
      ) : null}
      <p className="caption">{c.reference}</p>
      <h1>Evidence register</h1>
      {items.length === 0 ? (
        <p>No evidence recorded yet.</p>
      ) : (
        <ul className="evidence-list plain-list">
          {items.map((i) => (
            <li key={i.id} id={`evidence-${i.id}`} className="evidence-item">
              <h2 className="heading-small">{EVIDENCE_KIND_LABELS[i.kind]}</h2>
              <p className="pre-line">{i.description}</p>
              <dl className="summary-list">
                <div>
                  <dt>Source</dt>
                  <dd>{i.source || "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Used at trial</dt>
                  <dd>{trialLabel(i.usedAtTrial)}</dd>
                </div>
                <div>
                  <dt>How it was challenged</dt>
                  <dd className="pre-line">{i.howChallenged || "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Fallibility</dt>
                  <dd>
                    {i.fallibility.length
                      ? i.fallibility.map((k) => causeLabel.get(k) ?? k).join("; ")
                      : "None recorded"}
                  </dd>
                </div>
                <div>
                  <dt>Line of investigation</dt>
                  <dd>
                    {i.lineId ? (
                      <Link to={`/cases/${c.id}/lines/${i.lineId}`}>
                        {lines.find((l) => l.id === i.lineId)?.description ?? "A line"}
                      </Link>
                    ) : (
                      "None"
                    )}
                  </dd>
                </div>
                <div>
                  <dt>Document</dt>
                  <dd>
                    {i.documentId ? (
                      <a href={`/cases/${c.id}/documents/${i.documentId}`} download>
                        {documents.find((d) => d.id === i.documentId)?.filename ?? "Document"}
                      </a>
                    ) : (
                      "None"
                    )}
                  </dd>
                </div>
              </dl>
              <p>
                <Link to={`?edit=${i.id}#evidence-form-heading`}>
                  Edit
                  <span className="visually-hidden"> this {EVIDENCE_KIND_LABELS[i.kind]} item</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {c.closed ? null : (
        <section aria-labelledby="evidence-form-heading" className="narrow">
          <h2 id="evidence-form-heading">{editing ? "Edit the item" : "Add an item"}</h2>
          <EvidenceForm
            key={editing ? `${formKey}-${editing.id}` : formKey}
            page={loaderData}
            editing={editing}
            lastResult={resultFor(actionData, "save")}
          />
        </section>
      )}
    </>
  );
}

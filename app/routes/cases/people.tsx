import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  addCasePerson,
  type CasePeoplePage,
  getCasePeople,
  recordContact,
  recordContactConsent,
} from "~/casework/people/people.server";
import {
  AddPersonSchema,
  CONTACT_KIND_LABELS,
  CONTACT_KINDS,
  ConsentSchema,
  ContactSchema,
  PERSON_KIND_LABELS,
} from "~/casework/people/people-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { PERSON_KINDS } from "~/db/schema/casework";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import {
  CsrfInput,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useFormKey,
} from "~/ui/forms";
import type { Route } from "./+types/people";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const q = normaliseSearchParams(new URL(request.url).searchParams).get("q");
  return asViewer(context, (tx, acting) => getCasePeople(tx, acting, id, q));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: AddPersonSchema,
      run: (input, { tx, acting, ids }) => addCasePerson(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/people?added=1`,
    }),
    consent: intent({
      schema: ConsentSchema,
      run: (input, { tx, acting, ids }) => recordContactConsent(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/people?consent=1`,
    }),
    contact: intent({
      schema: ContactSchema,
      run: (input, { tx, acting, ids }) => recordContact(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/people?contacted=1`,
    }),
  }),
});

type Result = SubmissionResult<string[]> | undefined;
type PersonRow = CasePeoplePage["people"][number];

function ConsentForm({ p, lastResult }: { p: PersonRow; lastResult: Result }) {
  const [form, fields] = useForm({
    id: `consent-${p.casePersonId}`,
    lastResult,
    constraint: getZodConstraint(ConsentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsentSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ consentOn: fields.consentOn }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="consent" />
        <input type="hidden" name="casePersonId" value={p.casePersonId} />
        <TextField
          field={fields.consentOn}
          label={`Date the client agreed that ${p.name} may be contacted`}
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Record the client's consent
        </button>
      </Form>
    </>
  );
}

function ContactForm({ p, lastResult }: { p: PersonRow; lastResult: Result }) {
  const [form, fields] = useForm({
    id: `contact-${p.casePersonId}`,
    lastResult,
    constraint: getZodConstraint(ContactSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ contactedOn: fields.contactedOn, kind: fields.kind, summary: fields.summary }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="contact" />
        <input type="hidden" name="casePersonId" value={p.casePersonId} />
        <TextField field={fields.contactedOn} label="Date contacted" type="date" width="medium" />
        <SelectField
          field={fields.kind}
          label="How"
          options={CONTACT_KINDS.map((k) => ({ value: k, label: CONTACT_KIND_LABELS[k] }))}
        />
        <TextareaField field={fields.summary} label="What was said or asked" rows={3} />
        <button type="submit" className="button">
          Record that we contacted them
        </button>
      </Form>
    </>
  );
}

/** The form that adds a person to the case; drawn anew (empty) after each change that succeeds. */
function AddPersonForm({
  search,
  matches,
  lastResult,
}: {
  search: CasePeoplePage["search"];
  matches: CasePeoplePage["matches"];
  lastResult: Result;
}) {
  const [form, fields] = useForm({
    id: "add",
    lastResult,
    constraint: getZodConstraint(AddPersonSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddPersonSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          personId: fields.personId,
          name: fields.name,
          kind: fields.kind,
          description: fields.description,
          role: fields.role,
          notes: fields.notes,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        {search ? (
          <SelectField
            field={fields.personId}
            label="Someone your project already knows"
            hint={
              matches.length === 0
                ? `No one called "${search}" yet: enter them below.`
                : "Leave this empty to add someone new."
            }
            options={matches
              .filter((m) => !m.alreadyInCase)
              .map((m) => ({
                value: m.id,
                label: `${m.name}, ${PERSON_KIND_LABELS[m.kind]}${m.description ? ` (${m.description})` : ""}`,
              }))}
          />
        ) : null}
        <TextField field={fields.name} label="Name (for someone new)" />
        <SelectField
          field={fields.kind}
          label="Kind of person (for someone new)"
          options={PERSON_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
        />
        <TextField
          field={fields.description}
          label="What tells them apart (optional)"
          hint="Rank and force, firm, speciality"
        />
        <TextField field={fields.role} label="Their role in this case" />
        <TextareaField field={fields.notes} label="Notes (optional)" rows={3} />
        <button type="submit" className="button">
          Add to the case
        </button>
      </Form>
    </>
  );
}

const NOTICES: Record<string, string> = {
  added: "Person added to the case.",
  consent: "The client's consent is recorded.",
  contacted: "The contact is recorded in the case's correspondence.",
};

export default function CasePeopleView({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, people, search, matches } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1];
  const formKey = useFormKey();
  // The consent and contact forms are one per person: the failure is for the one it came from.
  const forPerson = (intent: "consent" | "contact", p: PersonRow) => {
    const result = resultFor(actionData, intent);
    return result?.initialValue?.casePersonId === p.casePersonId ? result : undefined;
  };
  return (
    <>
      <title>{`People – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="people" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h1>Key characters</h1>
      {people.length === 0 ? (
        <p>No one has been added to the case yet.</p>
      ) : (
        <ul className="plain-list case-people">
          {people.map((p) => (
            <li key={p.casePersonId} className="case-person">
              <h2>
                <Link to={`/people/${p.personId}`}>{p.name}</Link>
              </h2>
              <p>
                {PERSON_KIND_LABELS[p.kind]}: {p.role}
                {p.description ? <span className="hint"> ({p.description})</span> : null}
              </p>
              {p.notes ? <p className="pre-line">{p.notes}</p> : null}
              {p.needsConsent ? (
                p.contactConsentOn ? (
                  <p>The client agreed on {p.contactConsentOn} that they may be contacted.</p>
                ) : (
                  <div className="notice notice-warning">
                    <p>
                      <strong>Do not contact {p.name}</strong> until the client's consent is
                      recorded.
                    </p>
                  </div>
                )
              ) : null}
              {p.needsConsent && !p.contactConsentOn ? (
                <details className="case-action" open={forPerson("consent", p) ? true : undefined}>
                  <summary>Record the client's consent</summary>
                  <ConsentForm p={p} lastResult={forPerson("consent", p)} />
                </details>
              ) : null}
              <details className="case-action" open={forPerson("contact", p) ? true : undefined}>
                <summary>Record that we contacted {p.name}</summary>
                <ContactForm p={p} lastResult={forPerson("contact", p)} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {c.closed ? null : (
        <section aria-labelledby="add-person-heading" className="narrow">
          <h2 id="add-person-heading">Add a person</h2>
          <p>
            Search first: an officer or expert your project has met in another case is the same
            record, so the team sees the other cases they appear in.
          </p>
          <Form method="get" role="search">
            <label htmlFor="people-q" className="label">
              Name
            </label>
            <input id="people-q" name="q" className="input" defaultValue={search} />
            <button type="submit" className="button button-secondary">
              Search the project's people
            </button>
          </Form>
          <AddPersonForm
            key={formKey}
            search={search}
            matches={matches}
            lastResult={resultFor(actionData, "add")}
          />
        </section>
      )}
    </>
  );
}

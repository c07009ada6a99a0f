import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { closeProjectAndWriteToApplicants, getClosure } from "~/referrals/close-project.server";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { closureSchema } from "~/referrals/project-schemas";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/organisations.$id.close";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:organisation:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const closure = await asViewer(context, (tx, acting) => getClosure(tx, acting, id));
  return {
    project: {
      id: closure.project.id,
      name: closure.project.name,
      status: closure.project.status,
      closedOn: closure.project.closedOn,
    },
    openCases: closure.openCases.map((c) => ({
      id: c.id,
      reference: c.reference,
      applicantName: c.applicantName,
      stage: c.stage,
      handoverNote: c.handoverNote,
    })),
    openOffers: closure.openOffers,
    returned: closure.returned,
    today: today(),
  };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    close: intent({
      // Which cases still need a note is checked again by the closure, from the database.
      schema: closureSchema([]),
      // The letters to the applicants are filed in the closing transaction: a refusal removes
      // their files again.
      run: async ({ closedOn, notes }, { tx, acting, ids, args }) => {
        const written = Object.fromEntries(
          Object.entries(notes ?? {})
            .map(([caseId, note]) => [caseId, note?.trim() ?? ""])
            .filter(([, note]) => note),
        );
        const closed = await withDocumentStore(documentStoreOf(args.context), (store) =>
          closeProjectAndWriteToApplicants(tx, acting, store, ids.id, { closedOn, notes: written }),
        );
        return closed.withdrawnOffers.length;
      },
      done: (withdrawn, ids) => `/organisations/${ids.id}/close?closed=1&offers=${withdrawn}`,
    }),
  }),
});

export default function CloseProject({ loaderData, actionData }: Route.ComponentProps) {
  const { project, openCases, openOffers } = loaderData;
  const needNotes = openCases.filter((c) => !c.handoverNote);
  const schema = closureSchema(needNotes);
  const [form, fields] = useForm({
    id: "close-project",
    lastResult: resultFor(actionData, "close"),
    defaultValue: {
      closedOn: loaderData.today,
      notes: Object.fromEntries(openCases.map((c) => [c.id, c.handoverNote ?? ""])),
    },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const notes = fields.notes.getFieldset();
  if (project.status === "closed") return <Closed {...loaderData} />;
  return (
    <>
      <title>{`Close ${project.name} – Clearname`}</title>
      <p className="caption">Member project</p>
      <h1>Close {project.name}</h1>
      <p>When the project closes:</p>
      <ul>
        <li>
          each open case goes back to the network's referral queue with its handover note and its
          documents, and its applicant is sent a letter saying the network will look for another
          project;
        </li>
        <li>offers waiting for the project's answer are withdrawn;</li>
        <li>the members' access to the project ends on the closing date.</li>
      </ul>
      <p>It cannot be undone.</p>
      <ErrorSummary
        form={form}
        fields={{
          closedOn: fields.closedOn,
          ...Object.fromEntries(openCases.map((c) => [c.id, notes[c.id]])),
          confirm: fields.confirm,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <h2>Open cases</h2>
        {openCases.length === 0 ? (
          <p>The project has no open cases.</p>
        ) : (
          <>
            <p>
              Every open case needs a handover note: where the case stands, what was done, what to
              do next. A note the project's lead wrote is shown; you can change it.
            </p>
            {openCases.map((c) => {
              const field = notes[c.id];
              if (!field) return null;
              return (
                <fieldset key={c.id} className="fieldset closure-case">
                  <legend className="label">
                    {c.reference}: {c.applicantName}{" "}
                    <span className="hint">({CASE_STAGE_LABELS[c.stage]})</span>
                  </legend>
                  <p className="hint">
                    {c.handoverNote
                      ? "The project's lead wrote this note."
                      : "No handover note yet: write one."}
                  </p>
                  <TextareaField
                    field={field}
                    label={`Handover note for ${c.reference}`}
                    rows={5}
                  />
                </fieldset>
              );
            })}
          </>
        )}
        <h2>Open offers</h2>
        {openOffers.length === 0 ? (
          <p>No offers are waiting for the project's answer.</p>
        ) : (
          <>
            <p>These offers are withdrawn, and the cases wait for referral to another project:</p>
            <ul>
              {openOffers.map((o) => (
                <li key={o.id}>
                  {o.reference ?? "A case"}, offered until {o.expiresOn}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>Closing</h2>
        <TextField
          field={fields.closedOn}
          label="Closing date"
          hint="The members' access ends on this day. Today, or a day already past."
          type="date"
          width="medium"
        />
        <ChoiceField
          field={fields.confirm}
          label="Confirm"
          type="checkbox"
          options={[
            {
              value: "yes",
              label: `Close ${project.name}, return its cases to the network and end its members' access`,
            },
          ]}
        />
        <button type="submit" className="button button-warning">
          Close the project
        </button>
      </Form>
      <p>
        <Link to={`/organisations/${project.id}`}>Back to {project.name}</Link>
      </p>
    </>
  );
}

function Closed({ project, returned }: Route.ComponentProps["loaderData"]) {
  const [searchParams] = useSearchParams();
  const withdrawn = Number(searchParams.get("offers") ?? 0);
  return (
    <>
      <title>{`${project.name} is closed – Clearname`}</title>
      {searchParams.get("closed") ? (
        <div className="notice" role="status">
          <p>
            {project.name} is closed.
            {withdrawn > 0
              ? ` ${withdrawn} open offer${withdrawn === 1 ? " was" : "s were"} withdrawn.`
              : ""}
          </p>
        </div>
      ) : null}
      <p className="caption">Member project</p>
      <h1>{project.name} is closed</h1>
      <p>It closed on {project.closedOn ?? "a date not recorded"}.</p>
      <h2>Cases returned to the network</h2>
      {returned.length === 0 ? (
        <p>No cases came back to the network when it closed.</p>
      ) : (
        <>
          <p>
            These cases are back in the referral queue with their handover notes and documents. Each
            applicant was sent a letter.
          </p>
          <ul>
            {returned.map((c) => (
              <li key={c.id}>
                <Link to={`/referrals/${c.applicationId}`}>{c.reference}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/organisations/${project.id}`}>Back to {project.name}</Link>
      </p>
    </>
  );
}

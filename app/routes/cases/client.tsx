import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getClientWhereabouts, recordClientMove } from "~/casework/client/client-moves.server";
import { ClientMoveSchema } from "~/casework/client/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { establishmentChoices } from "~/intake/applicants/applicant-fields";
import { MoveFields } from "~/intake/applicants/move-fields";
import { RELEASED } from "~/intake/applicants/schemas";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/client";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => ({
    ...(await getClientWhereabouts(tx, acting, id)),
    options: [
      { value: RELEASED, label: "Released: no longer in prison" },
      ...establishmentChoices(await listEstablishmentOptions(tx)),
    ],
    today: today(),
  }));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    move: intent({
      schema: ClientMoveSchema,
      run: (input, { tx, acting, ids }) => recordClientMove(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/client?moved=1`,
    }),
  }),
});

const SOURCE_LABELS = { network: "the network", project: "the project" } as const;

export default function CaseClient({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, moves, options } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const [form, fields] = useForm({
    id: "client-move",
    lastResult: resultFor(actionData, "move"),
    defaultValue: { fromDate: loaderData.today },
    constraint: getZodConstraint(ClientMoveSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientMoveSchema }),
  });
  return (
    <>
      <title>{`Client – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="client" />
      {searchParams.get("moved") && !actionData ? (
        <div className="notice" role="status">
          <p>
            The move is recorded. The network's record of {c.clientName} has been updated too, and
            letters from now on go to the new address.
          </p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Where the client is</h1>
      <dl className="summary-list">
        <div>
          <dt>Client</dt>
          <dd>{c.clientName}</dd>
        </div>
        <div>
          <dt>Held at</dt>
          <dd>{c.establishment ?? "Not recorded as in prison"}</dd>
        </div>
        {c.postalAddress ? (
          <div>
            <dt>Postal address</dt>
            <dd>{c.postalAddress}</dd>
          </div>
        ) : null}
        {c.prisonerNumber ? (
          <div>
            <dt>Prisoner number</dt>
            <dd>{c.prisonerNumber}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="moves-heading">
        <h2 id="moves-heading">Moves</h2>
        {moves.length === 0 ? (
          <p>No move has been recorded since the case was accepted.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Moves of {c.clientName}</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {moves.map((m) => (
                  <tr key={m.id}>
                    <td>{m.fromDate}</td>
                    <td>
                      {m.establishmentName ?? `Released, to ${m.postalAddress ?? "an address"}`}
                    </td>
                    <td>{SOURCE_LABELS[m.source]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {c.active ? (
        <section aria-labelledby="move-heading" className="narrow">
          <h2 id="move-heading">Record a transfer or release</h2>
          <p>
            The network's record of {c.clientName} is updated with it, so its letters follow them
            too.
          </p>
          <ErrorSummary
            form={form}
            fields={{
              establishmentId: fields.establishmentId,
              postalAddress: fields.postalAddress,
              fromDate: fields.fromDate,
            }}
          />
          <Form method="post" {...getFormProps(form)} key={formKey}>
            <CsrfInput />
            <input type="hidden" name="version" value={c.version} />
            <MoveFields
              establishment={fields.establishmentId}
              fromDate={fields.fromDate}
              options={options}
            >
              <TextareaField
                field={fields.postalAddress}
                label="Postal address (if released)"
                hint="One line a line, with the postcode last"
                rows={4}
              />
            </MoveFields>
          </Form>
        </section>
      ) : null}
    </>
  );
}

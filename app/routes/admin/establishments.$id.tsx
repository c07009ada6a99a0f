import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, type ShouldRevalidateFunctionArgs } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EstablishmentForm } from "~/establishments/establishment-form";
import { getEstablishment } from "~/establishments/list-establishments.server";
import {
  closeEstablishment,
  reopenEstablishment,
  updateEstablishment,
} from "~/establishments/manage-establishments.server";
import { CloseEstablishmentSchema, EstablishmentSchema } from "~/establishments/schemas";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/establishments.$id";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:establishment:any")),
];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const done = normaliseSearchParams(new URL(request.url).searchParams);
  const found = await asViewer(context, (tx) => getEstablishment(tx, id));
  return {
    ...found,
    notice: done.has("added")
      ? "The establishment has been added."
      : done.has("saved")
        ? "Your changes have been saved."
        : done.has("closed")
          ? "The establishment is now recorded as closed."
          : done.has("reopened")
            ? "The establishment is open again."
            : null,
  };
}

/** Reopening: only the version the page was drawn from, so a change meanwhile is not undone. */
const ReopenSchema = z.object({ version: z.coerce.number().int().optional() });

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    save: intent({
      schema: EstablishmentSchema,
      run: (input, { tx, acting, ids }) =>
        updateEstablishment(tx, acting, ids.id, { ...input, version: input.version ?? 0 }),
      done: (_, ids) => `/admin/establishments/${ids.id}?saved=1`,
    }),
    close: intent({
      schema: CloseEstablishmentSchema,
      run: ({ closedOn, version }, { tx, acting, ids }) =>
        closeEstablishment(tx, acting, ids.id, { closedOn, version: version ?? 0 }),
      done: (_, ids) => `/admin/establishments/${ids.id}?closed=1`,
    }),
    reopen: intent({
      schema: ReopenSchema,
      run: ({ version }, { tx, acting, ids }) =>
        reopenEstablishment(tx, acting, ids.id, { version: version ?? 0 }),
      done: (_, ids) => `/admin/establishments/${ids.id}?reopened=1`,
    }),
  }),
});

function CloseForm({
  version,
  lastResult,
}: {
  version: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "close-establishment",
    lastResult,
    constraint: getZodConstraint(CloseEstablishmentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseEstablishmentSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ closedOn: fields.closedOn }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="close" />
        <input type="hidden" name="version" value={version} />
        <TextField
          field={fields.closedOn}
          label="Date it closed"
          hint="For example 2026-03-31"
          type="date"
          width="medium"
        />
        <button type="submit" className="button button-warning">
          Close establishment
        </button>
      </Form>
    </>
  );
}

/** After a stale change (409) the page reloads the establishment, to show the version saved meanwhile. */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 || defaultShouldRevalidate;
}

export default function EditEstablishment({ loaderData, actionData }: Route.ComponentProps) {
  const { establishment: e, applicantsHeld, notice } = loaderData;
  const result = (intent: string) => resultFor(actionData, intent);
  const reopenError = result("reopen")?.error?.[""];
  return (
    <div className="narrow">
      <title>{`${e.name} – Establishments – Clearname`}</title>
      <p>
        <Link to="/admin/establishments">All establishments</Link>
      </p>
      <h1>{e.name}</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Status</dt>
          <dd>{e.closedOn ? `Closed on ${e.closedOn}` : "Open"}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>
            {e.source === "register" ? "The public register of prisons" : "Added by hand"}
            {e.openedOn ? `; opened ${e.openedOn}` : ""}
          </dd>
        </div>
        <div>
          <dt>Applicants held here</dt>
          <dd>{applicantsHeld}</dd>
        </div>
      </dl>
      <h2>Change the details</h2>
      <p>A new name or address is used for every letter made from now on.</p>
      <EstablishmentForm
        key={e.version}
        lastResult={result("save")}
        defaultValue={{ ...e, version: e.version }}
        submitLabel="Save changes"
      />
      {e.closedOn ? (
        <>
          <h2>Reopen</h2>
          {reopenError ? (
            <div className="error-summary" role="alert">
              <p>{reopenError[0]}</p>
            </div>
          ) : null}
          <p>If the closure was recorded by mistake, the establishment can be opened again.</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="reopen" />
            <input type="hidden" name="version" value={e.version} />
            <button type="submit" className="button button-secondary">
              Reopen establishment
            </button>
          </Form>
        </>
      ) : (
        <>
          <h2>Close</h2>
          <p>
            A closed establishment stays on the list, so that the people recorded there can still be
            found; it is offered last when choosing a prison.
          </p>
          <CloseForm key={e.version} version={e.version} lastResult={result("close")} />
        </>
      )}
    </div>
  );
}

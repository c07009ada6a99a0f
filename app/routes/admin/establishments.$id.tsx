import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { EstablishmentForm } from "~/establishments/establishment-form";
import { getEstablishment } from "~/establishments/list-establishments.server";
import {
  closeEstablishment,
  reopenEstablishment,
  updateEstablishment,
} from "~/establishments/manage-establishments.server";
import { CloseEstablishmentSchema, EstablishmentSchema } from "~/establishments/schemas";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/establishments.$id";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:establishment:any")),
];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const done = new URL(request.url).searchParams;
  const found = await asViewer(context, (tx) => getEstablishment(tx, params.id));
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

type Outcome = { done: string } | { error: AppError };

/** Runs one change; a domain refusal (a stale version, a duplicate name) comes back as a message. */
async function attempt(
  context: Route.ActionArgs["context"],
  work: Parameters<typeof asViewer<unknown>>[1],
  done: string,
): Promise<Outcome> {
  return asViewer(context, async (tx, acting) => {
    try {
      await work(tx, acting);
      return { done };
    } catch (error) {
      if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "INVALID"))
        return { error };
      throw error;
    }
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const version = Number(form.get("version") ?? 0);
  let outcome: Outcome;
  let reply: (error: AppError) => SubmissionResult<string[]>;
  if (intent === "close") {
    const submission = parseWithZod(form, { schema: CloseEstablishmentSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply() }, { status: 400 });
    reply = (error) => submission.reply({ formErrors: [error.message] });
    outcome = await attempt(
      context,
      (tx, acting) =>
        closeEstablishment(tx, acting, params.id, { closedOn: submission.value.closedOn, version }),
      "closed",
    );
  } else if (intent === "reopen") {
    reply = (error) => ({ status: "error", error: { "": [error.message] } });
    outcome = await attempt(
      context,
      (tx, acting) => reopenEstablishment(tx, acting, params.id, { version }),
      "reopened",
    );
  } else {
    const submission = parseWithZod(form, { schema: EstablishmentSchema });
    if (submission.status !== "success")
      return data({ intent: "save", result: submission.reply() }, { status: 400 });
    // A duplicate name belongs to the name field; a stale version to the whole form.
    reply = (error) =>
      error.details.field === "name"
        ? submission.reply({ fieldErrors: { name: [error.message] } })
        : submission.reply({ formErrors: [error.message] });
    outcome = await attempt(
      context,
      (tx, acting) => updateEstablishment(tx, acting, params.id, { ...submission.value, version }),
      "saved",
    );
  }
  if ("done" in outcome) throw redirect(`/admin/establishments/${params.id}?${outcome.done}=1`);
  const status = outcome.error.code === "CONFLICT" ? 409 : 422;
  return data({ intent, result: reply(outcome.error) }, { status });
}

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

export default function EditEstablishment({ loaderData, actionData }: Route.ComponentProps) {
  const { establishment: e, applicantsHeld, notice } = loaderData;
  const result = (intent: string) =>
    actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined;
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

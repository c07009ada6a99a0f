import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { forbidden } from "~/errors/app-error";
import { getOrganisation } from "~/organisations/organisations.server";
import { canEditOrganisation } from "~/organisations/policies";
import { TermBreakSchema } from "~/projects/schemas";
import { addTermBreak, listTermBreaks, removeTermBreak } from "~/projects/term-breaks.server";
import { today } from "~/shared/dates";
import { IdSchema } from "~/shared/ids";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/organisations.$id.term-breaks";

// Who keeps the project's details keeps its term breaks: the network's administrators and
// the project's own leads and administrators (checked again per project in the loader).
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:organisation:any", "manage:organisation:own")),
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const project = await getOrganisation(tx, id);
    if (project.kind !== "project" || !canEditOrganisation(acting.viewer, project.id))
      throw forbidden("You cannot change this project's term breaks.");
    return {
      project: { id: project.id, name: project.name, status: project.status },
      breaks: await listTermBreaks(tx, project.id),
      today: today(),
    };
  });
}

/** Removing one break: its id, from the list on this page. */
const RemoveSchema = z.object({ breakId: IdSchema });

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: TermBreakSchema,
      run: (input, { tx, acting, ids }) => addTermBreak(tx, acting, ids.id, input),
      done: (_, ids) => `/organisations/${ids.id}/term-breaks?added=1`,
    }),
    remove: intent({
      schema: RemoveSchema,
      run: ({ breakId }, { tx, acting, ids }) => removeTermBreak(tx, acting, ids.id, breakId),
      done: (_, ids) => `/organisations/${ids.id}/term-breaks?removed=1`,
    }),
  }),
});

export default function TermBreaks({ loaderData, actionData }: Route.ComponentProps) {
  const { project, breaks } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("added")
    ? "Term break added."
    : searchParams.get("removed")
      ? "Term break removed."
      : null;
  const formKey = useFormKey();
  const removeFailed = resultFor(actionData, "remove") !== undefined;
  const upcoming = breaks.filter((b) => b.endsOn >= loaderData.today);
  const past = breaks.filter((b) => b.endsOn < loaderData.today);
  return (
    <>
      <title>{`Term breaks – ${project.name} – Clearname`}</title>
      {removeFailed ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>That term break was not found: reload the page.</p>
        </div>
      ) : null}
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">{project.name}</p>
      <h1>Term breaks</h1>
      <p className="lead">
        While the students are away, the network does not suggest the project for new cases. Cases
        it already has are not affected.
      </p>
      {upcoming.length === 0 ? (
        <p>No term breaks now or to come.</p>
      ) : (
        <table className="table">
          <caption>Now and to come</caption>
          <thead>
            <tr>
              <th scope="col">Break</th>
              <th scope="col">From</th>
              <th scope="col">To (last day)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {upcoming.map((b) => (
              <tr key={b.id}>
                <td>
                  {b.label}
                  {b.startsOn <= loaderData.today ? (
                    <>
                      {" "}
                      <span className="tag tag-paused">Now</span>
                    </>
                  ) : null}
                </td>
                <td>{b.startsOn}</td>
                <td>{b.endsOn}</td>
                <td>
                  {project.status !== "closed" ? (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="breakId" value={b.id} />
                      <button type="submit" className="button button-warning">
                        Remove
                        <span className="visually-hidden">
                          {" "}
                          {b.label}, {b.startsOn} to {b.endsOn}
                        </span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {past.length > 0 ? (
        <details>
          <summary>Past breaks ({past.length})</summary>
          <ul>
            {past.map((b) => (
              <li key={b.id}>
                {b.label}: {b.startsOn} to {b.endsOn}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {project.status === "closed" ? (
        <p>The project is closed: its term breaks can no longer be changed.</p>
      ) : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Add a term break</h2>
          <AddTermBreakForm key={formKey} lastResult={resultFor(actionData, "add")} />
        </section>
      )}
      <p>
        <Link to={`/organisations/${project.id}`}>Back to {project.name}</Link>
      </p>
    </>
  );
}

/** The form that adds a break; drawn anew (empty) after each change that succeeds. */
function AddTermBreakForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "term-break",
    lastResult,
    constraint: getZodConstraint(TermBreakSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TermBreakSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ label: fields.label, startsOn: fields.startsOn, endsOn: fields.endsOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <TextField
          field={fields.label}
          label="Name of the break (optional)"
          hint="For example Summer vacation 2026"
        />
        <TextField
          field={fields.startsOn}
          label="First day"
          hint="For example 2026-06-15"
          type="date"
          width="medium"
        />
        <TextField
          field={fields.endsOn}
          label="Last day"
          hint="The break includes this day. For example 2026-09-20"
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Add term break
        </button>
      </Form>
    </>
  );
}

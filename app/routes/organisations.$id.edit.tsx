import { Link, type ShouldRevalidateFunctionArgs } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { forbidden } from "~/errors/app-error";
import { getOrganisation, updateProject } from "~/organisations/organisations.server";
import { canEditOrganisation } from "~/organisations/policies";
import { ProjectForm } from "~/organisations/project-form";
import { ProjectSchema } from "~/organisations/schemas";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/organisations.$id.edit";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:organisation:any", "manage:organisation:own")),
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const organisation = await getOrganisation(tx, id);
    if (organisation.kind !== "project" || !canEditOrganisation(acting.viewer, organisation.id))
      throw forbidden();
    return { organisation };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    save: intent({
      schema: ProjectSchema,
      run: (input, { tx, acting, ids }) =>
        updateProject(tx, acting, ids.id, { ...input, version: input.version ?? 0 }),
      done: (_, ids) => `/organisations/${ids.id}?saved=1`,
    }),
  }),
});

/** After a stale save (409) the page reloads the project, to show the version saved meanwhile. */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 || defaultShouldRevalidate;
}

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const o = loaderData.organisation;
  const failed = resultFor(actionData, "save");
  // Saved by someone else since the form was opened: the version posted is not the one loaded.
  const posted = failed?.initialValue?.version;
  const c = typeof posted === "string" && posted !== String(o.version) ? o : null;
  // Closing a project with open work is done on its own page.
  const closeUrl =
    failed?.error?.status && failed.initialValue?.status === "closed"
      ? `/organisations/${o.id}/close`
      : null;
  return (
    <div className="narrow">
      <title>{`Change ${o.name} – Clearname`}</title>
      <h1>Change {loaderData.organisation.name}</h1>
      {c ? (
        <div className="notice notice-warning">
          <h2>The version saved by someone else</h2>
          <dl className="summary-list summary-list-compact">
            {[
              ["Name", c.name],
              [
                "Status",
                `${c.status}${c.closedOn ? ` (closed ${c.closedOn})` : ""}${c.pausedOn ? ` (paused ${c.pausedOn})` : ""}`,
              ],
              ["Capacity", c.capacity ?? "not set"],
              ["Jurisdictions", c.jurisdictions.join(", ")],
              ["Specialisms", c.specialisms.join(", ") || "none"],
              ["Address", c.addressLines.join(", ") || "none"],
              ["Contact e-mail", c.contactEmail ?? "none"],
              ["Telephone", c.contactPhone ?? "none"],
              ["Website", c.website ?? "none"],
            ].map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p>
            The form now starts from their version; your changes are still in the fields where you
            typed them.
          </p>
        </div>
      ) : null}
      {closeUrl ? (
        <div className="notice notice-warning">
          <p>
            A project that may still have open cases or offers is closed with{" "}
            <Link to={closeUrl}>Close the project</Link>: each open case goes back to the network
            with a handover note.
          </p>
        </div>
      ) : null}
      <ProjectForm
        key={o.version}
        lastResult={failed}
        defaultValue={{ ...o, version: o.version }}
        submitLabel="Save changes"
      />
      <p>
        <Link to={`/organisations/${loaderData.organisation.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

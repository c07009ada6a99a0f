import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError, forbidden } from "~/errors/app-error";
import { getOrganisation, updateProject } from "~/organisations/organisations.server";
import { canEditOrganisation } from "~/organisations/policies";
import { ProjectForm } from "~/organisations/project-form";
import { ProjectSchema } from "~/organisations/schemas";
import type { Route } from "./+types/organisations.$id.edit";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:organisation:any", "manage:organisation:own")),
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const organisation = await getOrganisation(tx, params.id);
    if (organisation.kind !== "project" || !canEditOrganisation(acting.viewer, organisation.id))
      throw forbidden();
    return { organisation };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ProjectSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), current: null, closeUrl: null }, { status: 400 });
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      await updateProject(tx, acting, params.id, {
        ...submission.value,
        version: submission.value.version ?? 0,
      });
      return { conflict: null, refused: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT") {
        return {
          conflict: { message: error.message, current: await getOrganisation(tx, params.id) },
          refused: null,
        };
      }
      // Closing a project that still has open cases or offers: refused, with the way to do it.
      if (error instanceof AppError && error.code === "INVALID") {
        return { conflict: null, refused: error };
      }
      throw error;
    }
  });
  if (outcome.conflict) {
    return data(
      {
        result: submission.reply({ formErrors: [outcome.conflict.message] }),
        current: outcome.conflict.current,
        closeUrl: null,
      },
      { status: 409 },
    );
  }
  if (outcome.refused) {
    const { field, closeUrl } = outcome.refused.details;
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            [typeof field === "string" ? field : "status"]: [outcome.refused.message],
          },
        }),
        current: null,
        closeUrl: typeof closeUrl === "string" ? closeUrl : null,
      },
      { status: 422 },
    );
  }
  throw redirect(`/organisations/${params.id}?saved=1`);
}

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const o = actionData?.current ?? loaderData.organisation;
  const c = actionData?.current;
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
      {actionData?.closeUrl ? (
        <div className="notice notice-warning">
          <p>
            A project that may still have open cases or offers is closed with{" "}
            <Link to={actionData.closeUrl}>Close the project</Link>: each open case goes back to the
            network with a handover note.
          </p>
        </div>
      ) : null}
      <ProjectForm
        key={o.version}
        lastResult={actionData?.result}
        defaultValue={{ ...o, version: o.version }}
        submitLabel="Save changes"
      />
      <p>
        <Link to={`/organisations/${loaderData.organisation.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

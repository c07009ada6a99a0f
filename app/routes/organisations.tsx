import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { listOrganisations } from "~/organisations/organisations.server";
import { JURISDICTIONS, ORGANISATION_STATUSES, PROJECT_KINDS } from "~/organisations/schemas";
import type { Route } from "./+types/organisations";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:organisation:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => ({
    organisations: await listOrganisations(tx),
    canCreate: can(acting.viewer, "manage:organisation:any"),
  }));
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const network = loaderData.organisations.filter((o) => o.kind === "network");
  const projects = loaderData.organisations.filter((o) => o.kind === "project");
  return (
    <>
      <title>Network and projects – Clearname</title>
      <h1>Network and member projects</h1>
      {network.map((n) => (
        <p key={n.id}>
          The network: <Link to={`/organisations/${n.id}`}>{n.name}</Link>
        </p>
      ))}
      {loaderData.canCreate ? (
        <p>
          <Link to="/organisations/new" className="button">
            Add a member project
          </Link>
        </p>
      ) : null}
      <table className="table">
        <caption>
          {projects.length} member projects ({projects.filter((p) => p.status === "active").length}{" "}
          active)
        </caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Host institution</th>
            <th scope="col">Kind</th>
            <th scope="col">Jurisdictions</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Capacity
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/organisations/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.hostInstitution ?? "—"}</td>
              <td>{p.projectKind ? PROJECT_KINDS[p.projectKind] : "—"}</td>
              <td>
                {p.jurisdictions
                  .map((j) => JURISDICTIONS[j as keyof typeof JURISDICTIONS] ?? j)
                  .join(", ")}
              </td>
              <td>
                <span className={`tag tag-${p.status}`}>{ORGANISATION_STATUSES[p.status]}</span>
                {p.closedOn ? ` since ${p.closedOn}` : ""}
              </td>
              <td className="numeric">{p.capacity ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { Link } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { JURISDICTIONS, PROJECT_KINDS } from "~/organisations/schemas";
import { type DirectoryEntry, listProjectDirectory } from "~/projects/directory.server";
import type { Route } from "./+types/directory";

// Public: the list of member projects, with nothing about any person.
export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader({ context }: Route.LoaderArgs) {
  const { database } = context.get(servicesContext);
  return listProjectDirectory(database.db);
}

function statusText(p: DirectoryEntry): string {
  if (p.status === "closed") return p.closedOn ? `Closed since ${p.closedOn}` : "Closed";
  if (p.status === "paused")
    return p.pausedOn
      ? `Paused since ${p.pausedOn}: not taking new cases`
      : "Paused: not taking new cases";
  return "Active";
}

function ProjectEntry({ p }: { p: DirectoryEntry }) {
  return (
    <li className="card">
      <h3>{p.name}</h3>
      <p>
        <span className={`tag tag-${p.status}`}>{statusText(p)}</span>
      </p>
      <dl className="summary-list summary-list-compact">
        <div>
          <dt>Host</dt>
          <dd>
            {p.hostInstitution ?? "Not recorded"}
            {p.projectKind ? ` (${PROJECT_KINDS[p.projectKind].toLowerCase()})` : ""}
          </dd>
        </div>
        <div>
          <dt>Takes cases from</dt>
          <dd>
            {p.jurisdictions
              .map((j) => JURISDICTIONS[j as keyof typeof JURISDICTIONS] ?? j)
              .join(", ") || "Not recorded"}
          </dd>
        </div>
        {p.specialisms.length > 0 ? (
          <div>
            <dt>Specialisms</dt>
            <dd>{p.specialisms.join(", ")}</dd>
          </div>
        ) : null}
        {p.contactEmail ? (
          <div>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${p.contactEmail}`}>{p.contactEmail}</a>
            </dd>
          </div>
        ) : null}
        {p.website && /^https?:\/\//i.test(p.website) ? (
          <div>
            <dt>Website</dt>
            <dd>
              <a href={p.website} rel="noopener noreferrer nofollow">
                {p.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export default function ProjectDirectory({ loaderData }: Route.ComponentProps) {
  const { networkName, projects } = loaderData;
  const groups = [
    {
      key: "active",
      title: "Active projects",
      rows: projects.filter((p) => p.status === "active"),
    },
    {
      key: "paused",
      title: "Paused projects",
      rows: projects.filter((p) => p.status === "paused"),
    },
    {
      key: "closed",
      title: "Projects no longer operating",
      rows: projects.filter((p) => p.status === "closed"),
    },
  ].filter((g) => g.rows.length > 0);
  return (
    <>
      <title>Member projects – Clearname</title>
      <h1>Member projects</h1>
      <div className="notice notice-warning" role="note" aria-labelledby="disclaimer-title">
        <h2 id="disclaimer-title">Please read this first</h2>
        <p>
          Some of the projects listed here are no longer operating. {networkName} does not vouch for
          its member projects and is not responsible for their work.
        </p>
      </div>
      <p className="lead">
        The innocence projects that are, or were, members of {networkName}: most are university law
        clinics, and they investigate cases the network refers to them.
      </p>
      <p>
        Projects do not take applications directly. To ask for help with a conviction,{" "}
        <Link to="/apply">apply to the network</Link>.
      </p>
      {projects.length === 0 ? <p>There are no member projects yet.</p> : null}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`projects-${g.key}`}>
          <h2 id={`projects-${g.key}`}>
            {g.title} ({g.rows.length})
          </h2>
          <ul className="card-list">
            {g.rows.map((p) => (
              <ProjectEntry key={`${p.name}|${p.hostInstitution}|${p.closedOn}`} p={p} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

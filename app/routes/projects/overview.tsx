import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { ORGANISATION_STATUSES } from "~/organisations/schemas";
import { getProjectsOverview } from "~/projects/overview.server";
import { REPORT_DUE_SOON_DAYS } from "~/projects/schemas";
import type { Route } from "./+types/overview";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:organisation:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => ({
    overview: await getProjectsOverview(tx, acting),
    canChangeSettings: can(acting.viewer, "manage:settings:any"),
  }));
}

/** A count that needs someone's attention when it is not zero. */
function Flagged({ n }: { n: number }) {
  return n > 0 ? <strong className="tag tag-paused">{n}</strong> : n;
}

export default function ProjectsOverview({ loaderData }: Route.ComponentProps) {
  const { overview, canChangeSettings } = loaderData;
  const { projects, totals, staleDays, casesVisible } = overview;
  return (
    <>
      <title>Projects overview – Clearname</title>
      <h1>Projects overview</h1>
      <p className="lead">
        Each member project's load: active cases against capacity, offers waiting for an answer,
        cases with no recorded activity for {staleDays} days or more, and annual case reports
        overdue or due within {REPORT_DUE_SOON_DAYS} days.
      </p>
      <p>
        {canChangeSettings ? (
          <>
            The {staleDays} days are a <Link to="/admin/settings">network setting</Link>.{" "}
          </>
        ) : null}
        The public list of projects is at <Link to="/projects">Member projects</Link>.
        {casesVisible ? (
          <>
            {" "}
            Each case's stage, outcome and annual report are at{" "}
            <Link to="/projects/cases">Cases at the projects</Link>.
          </>
        ) : null}
      </p>
      {casesVisible ? (
        <dl className="figures">
          <div>
            <dt>Active cases</dt>
            <dd>
              <span className="figure-value">{totals.activeCases}</span> against a capacity of{" "}
              {totals.capacity} in active projects
            </dd>
          </div>
          <div>
            <dt>Offers waiting</dt>
            <dd>
              <span className="figure-value">{totals.offersWaiting}</span>
            </dd>
          </div>
          <div>
            <dt>No activity for {staleDays} days</dt>
            <dd>
              <span className="figure-value">{totals.staleCases}</span>
            </dd>
          </div>
          <div>
            <dt>Annual reports</dt>
            <dd>
              <span className="figure-value">{totals.reportsOverdue}</span> overdue,{" "}
              {totals.reportsDueSoon} due within {REPORT_DUE_SOON_DAYS} days
            </dd>
          </div>
        </dl>
      ) : (
        <p className="notice notice-warning">
          Your role does not show applications or cases, so the case counts are left out.
        </p>
      )}
      <div className="table-scroll">
        <table className="table">
          <caption>
            {projects.length} member projects (
            {projects.filter((p) => p.status === "active").length} active)
          </caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Status</th>
              {casesVisible ? (
                <>
                  <th scope="col" className="numeric">
                    Active cases <span className="hint">of capacity</span>
                  </th>
                  <th scope="col" className="numeric">
                    Offers waiting
                  </th>
                  <th scope="col" className="numeric">
                    No activity <span className="hint">for {staleDays} days</span>
                  </th>
                  <th scope="col" className="numeric">
                    Reports overdue
                  </th>
                  <th scope="col" className="numeric">
                    Reports due <span className="hint">within {REPORT_DUE_SOON_DAYS} days</span>
                  </th>
                </>
              ) : (
                <th scope="col" className="numeric">
                  Capacity
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => {
              const over = p.capacity !== null && p.activeCases > p.capacity;
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/organisations/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>
                    <span className={`tag tag-${p.status}`}>{ORGANISATION_STATUSES[p.status]}</span>
                    {p.status === "closed" && p.closedOn ? ` since ${p.closedOn}` : ""}
                    {p.status === "paused" && p.pausedOn ? ` since ${p.pausedOn}` : ""}
                    {p.termBreak ? (
                      <span className="hint">
                        {" "}
                        {p.termBreak.label} until {p.termBreak.endsOn}
                      </span>
                    ) : null}
                  </td>
                  {casesVisible ? (
                    <>
                      <td className="numeric">
                        {over ? (
                          <strong className="tag tag-urgent">
                            {p.activeCases} of {p.capacity}
                          </strong>
                        ) : (
                          `${p.activeCases} of ${p.capacity ?? "—"}`
                        )}
                      </td>
                      <td className="numeric">{p.offersWaiting}</td>
                      <td className="numeric">
                        <Flagged n={p.staleCases} />
                      </td>
                      <td className="numeric">
                        <Flagged n={p.reportsOverdue} />
                      </td>
                      <td className="numeric">{p.reportsDueSoon}</td>
                    </>
                  ) : (
                    <td className="numeric">{p.capacity ?? "—"}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
          {casesVisible ? (
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td />
                <td className="numeric">
                  {totals.activeCases} of {totals.capacity}
                </td>
                <td className="numeric">{totals.offersWaiting}</td>
                <td className="numeric">{totals.staleCases}</td>
                <td className="numeric">{totals.reportsOverdue}</td>
                <td className="numeric">{totals.reportsDueSoon}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </>
  );
}

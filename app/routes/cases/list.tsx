import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { type CaseListItem, listCases } from "~/referrals/list-cases.server";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { today } from "~/shared/dates";
import type { Route } from "./+types/list";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  const cases = await asViewer(context, (tx, acting) => listCases(tx, acting));
  const projects = new Set([...cases.active, ...cases.ended].map((c) => c.projectName));
  return { ...cases, today: today(), manyProjects: projects.size > 1 };
}

function CaseLink({ c }: { c: CaseListItem }) {
  return <Link to={`/cases/${c.id}`}>{c.reference}</Link>;
}

export default function CasesList({ loaderData }: Route.ComponentProps) {
  const { active, ended, manyProjects } = loaderData;
  return (
    <>
      <title>Cases – Clearname</title>
      <h1>Cases</h1>
      <h2>With the project</h2>
      {active.length === 0 ? (
        <p>Your project has no cases yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Cases with the project</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Applicant</th>
                {manyProjects ? <th scope="col">Project</th> : null}
                <th scope="col">Stage</th>
                <th scope="col">Accepted on</th>
                <th scope="col">Last activity</th>
                <th scope="col">Annual report due</th>
              </tr>
            </thead>
            <tbody>
              {active.map((c) => (
                <tr key={c.id}>
                  <td>
                    <CaseLink c={c} />
                  </td>
                  <td>{c.applicantName}</td>
                  {manyProjects ? <td>{c.projectName}</td> : null}
                  <td>{CASE_STAGE_LABELS[c.stage]}</td>
                  <td>{c.acceptedOn}</td>
                  <td>{c.lastActivityOn}</td>
                  <td>
                    {c.annualReportDueOn}
                    {c.annualReportDueOn < loaderData.today ? (
                      <>
                        {" "}
                        <span className="tag tag-urgent">Overdue</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ended.length > 0 ? (
        <>
          <h2>No longer with the project</h2>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Cases no longer with the project</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Applicant</th>
                  {manyProjects ? <th scope="col">Project</th> : null}
                  <th scope="col">Stage</th>
                  <th scope="col">Accepted on</th>
                  <th scope="col">Left the project</th>
                </tr>
              </thead>
              <tbody>
                {ended.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <CaseLink c={c} />
                    </td>
                    <td>{c.applicantName}</td>
                    {manyProjects ? <td>{c.projectName}</td> : null}
                    <td>{CASE_STAGE_LABELS[c.stage]}</td>
                    <td>{c.acceptedOn}</td>
                    <td>{c.endedOn ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

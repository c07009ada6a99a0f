import { Form, Link } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listNetworkCases } from "~/casework/report/network-cases.server";
import { OUTCOME_LABELS } from "~/casework/stages/steps";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { IdSchema } from "~/shared/ids";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { FilterSelect } from "~/ui/filter-select";
import type { Route } from "./+types/cases";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

const STAGES = Object.keys(CASE_STAGE_LABELS) as (keyof typeof CASE_STAGE_LABELS)[];

/** The filters in the address; anything not recognised is left out rather than refused. */
const FiltersSchema = z.object({
  project: IdSchema.optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const filters = FiltersSchema.parse({
    project: search.get("project") || undefined,
    stage: search.get("stage") || undefined,
  });
  const page = await asViewer(context, (tx, acting) =>
    listNetworkCases(tx, acting, { projectId: filters.project, stage: filters.stage }),
  );
  return { ...page, filters };
}

export default function NetworkCases({ loaderData }: Route.ComponentProps) {
  const { cases, projects, filters } = loaderData;
  const filtered = Boolean(filters.project || filters.stage);
  const overdue = cases.filter((c) => c.reportOverdue).length;
  return (
    <>
      <title>Cases at the projects – Clearname</title>
      <h1>Cases at the projects</h1>
      <p className="lead">
        Each case's stage and outcome, when it was last worked on, and its annual case report. The
        projects' working files are not shown here: only the reports they send.
      </p>
      <Form method="get" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter the cases</h2>
        <div className="filter-bar">
          <FilterSelect
            name="project"
            label="Project"
            value={filters.project}
            any="Every project"
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
          />
          <FilterSelect
            name="stage"
            label="Stage"
            value={filters.stage}
            any="Any stage"
            options={STAGES.map((s) => ({ value: s, label: CASE_STAGE_LABELS[s] }))}
          />
          <button type="submit" className="button button-secondary">
            Show cases
          </button>
          {filtered ? <Link to="/projects/cases">Clear the filters</Link> : null}
        </div>
      </Form>
      {cases.length === 0 ? (
        <p>{filtered ? "No case matches these filters." : "No project has a case yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption>
              {cases.length} {cases.length === 1 ? "case" : "cases"}
              {filtered ? " matching the filters" : ""}
              {overdue > 0 ? `, ${overdue} with the annual report overdue` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Applicant</th>
                <th scope="col">Project</th>
                <th scope="col">Stage</th>
                <th scope="col">Outcome</th>
                <th scope="col">Last activity</th>
                <th scope="col">Annual report due</th>
                <th scope="col">Last report received</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.reference}</th>
                  <td>{c.applicantName}</td>
                  <td>{c.projectName}</td>
                  <td>{CASE_STAGE_LABELS[c.stage]}</td>
                  <td>{c.outcome ? OUTCOME_LABELS[c.outcome] : "Not concluded"}</td>
                  <td>{c.lastActivityOn}</td>
                  <td>
                    {c.annualReportDueOn ?? "Not due: the case has left the project"}
                    {c.reportOverdue ? (
                      <>
                        {" "}
                        <strong className="tag tag-urgent">Overdue</strong>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {c.lastReport ? (
                      <a href={`/projects/cases/${c.id}/reports/${c.lastReport.id}.pdf`} download>
                        Sent on {c.lastReport.sentOn}{" "}
                        <span className="visually-hidden">for {c.reference}</span> (PDF)
                      </a>
                    ) : (
                      "None yet"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  CASE_LIST_LIMIT,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  DEADLINE_WINDOW_LABELS,
  DEADLINE_WINDOWS,
  parseCaseListParams,
} from "~/casework/list/case-list-params";
import { findCases } from "~/casework/list/find-cases.server";
import { OUTCOME_LABELS } from "~/casework/stages/steps";
import { CASE_STAGES } from "~/db/schema/referrals";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { FilterSelect } from "~/ui/filter-select";
import type { Route } from "./+types/list";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const filters = parseCaseListParams(normaliseSearchParams(new URL(request.url).searchParams));
  const found = await asViewer(context, (tx, acting) => findCases(tx, acting, filters));
  const projects = new Set(found.cases.map((c) => c.projectName));
  return { ...found, filters, manyProjects: projects.size > 1 };
}

type Page = Route.ComponentProps["loaderData"];

function Filters({ filters, members }: Pick<Page, "filters" | "members">) {
  return (
    <Form method="get" className="queue-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter the cases</h2>
      <div className="filter-bar">
        <FilterSelect
          name="status"
          label="Show"
          value={filters.status}
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
        />
        <FilterSelect
          name="stage"
          label="Stage"
          value={filters.stage}
          any="Any stage"
          options={CASE_STAGES.map((s) => ({ value: s, label: CASE_STAGE_LABELS[s] }))}
        />
        <FilterSelect
          name="member"
          label="Team member"
          value={filters.memberId}
          any="Anyone"
          options={members.map((m) => ({ value: m.id, label: m.name }))}
        />
        <FilterSelect
          name="deadline"
          label="Next deadline"
          value={filters.deadline}
          any="Any time"
          options={DEADLINE_WINDOWS.map((d) => ({ value: d, label: DEADLINE_WINDOW_LABELS[d] }))}
        />
        <div className="field">
          <label htmlFor="filter-quiet" className="label">
            Quiet for at least (days)
          </label>
          <input
            id="filter-quiet"
            name="quiet"
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            className="input input-short"
            defaultValue={filters.quietDays ?? ""}
          />
        </div>
        <button type="submit" className="button button-secondary">
          Apply filters
        </button>
        <Link to="/cases">Clear filters</Link>
      </div>
    </Form>
  );
}

export default function CasesList({ loaderData }: Route.ComponentProps) {
  const { cases, members, filters, manyProjects, truncated, today } = loaderData;
  const open = filters.status === "open";
  return (
    <>
      <title>Cases – Clearname</title>
      <h1>Cases</h1>
      <Filters filters={filters} members={members} />
      <h2>{CASE_STATUS_LABELS[filters.status]}</h2>
      {cases.length === 0 ? (
        <p>No cases match these filters.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              Cases: {CASE_STATUS_LABELS[filters.status]}
            </caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Applicant</th>
                {manyProjects ? <th scope="col">Project</th> : null}
                <th scope="col">Stage</th>
                {open ? null : <th scope="col">Outcome</th>}
                <th scope="col">Last activity</th>
                {open ? <th scope="col">Next deadline</th> : <th scope="col">Ended</th>}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                  </td>
                  <td>{c.applicantName}</td>
                  {manyProjects ? <td>{c.projectName}</td> : null}
                  <td>{CASE_STAGE_LABELS[c.stage]}</td>
                  {open ? null : <td>{c.outcome ? OUTCOME_LABELS[c.outcome] : "—"}</td>}
                  <td>{c.lastActivityOn}</td>
                  {open ? (
                    <td>
                      {c.nextDeadlineOn ?? "—"}
                      {c.nextDeadlineOn && c.nextDeadlineOn < today ? (
                        <>
                          {" "}
                          <span className="tag tag-urgent">Overdue</span>
                        </>
                      ) : null}
                    </td>
                  ) : (
                    <td>{c.endedOn ?? "—"}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {truncated ? (
        <p className="notice notice-warning">
          Only the first {CASE_LIST_LIMIT} cases are shown: use the filters to find the others.
        </p>
      ) : null}
    </>
  );
}

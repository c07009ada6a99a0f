import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { RECOMMENDATIONS } from "~/db/schema/eligibility";
import { parsePeriod, presets } from "~/eligibility/dashboard/dashboard-params";
import { DecisionsChart, DecisionsTable } from "~/eligibility/dashboard/decisions-chart";
import { getEligibilityFigures } from "~/eligibility/dashboard/eligibility-figures.server";
import { assessmentQueueSearch } from "~/eligibility/queue/queue-params";
import { RECOMMENDATION_LABELS } from "~/eligibility/rules";
import { today as todayIso } from "~/shared/dates";
import { normaliseSearchParams } from "~/shared/normalise-input";
import type { Route } from "./+types/dashboard";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const today = todayIso();
  const { period, errors } = parsePeriod(search, today);
  const figures = await asViewer(context, (tx, acting) =>
    getEligibilityFigures(tx, acting, period, today),
  );
  return {
    figures,
    errors,
    raw: {
      from: search.get("from") ?? period.from,
      to: search.get("to") ?? period.to,
    },
    presets: presets(today),
  };
}

const number = new Intl.NumberFormat("en-GB");
const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value}</span>
        {hint ? <span className="hint"> {hint}</span> : null}
      </dd>
    </div>
  );
}

export default function EligibilityDashboard({ loaderData }: Route.ComponentProps) {
  const { figures: f, errors, raw } = loaderData;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const eligibilityDecisions = f.outcomes.eligible + f.outcomes.ineligible;
  return (
    <>
      <title>Eligibility dashboard – Clearname</title>
      <h1>Eligibility dashboard</h1>
      <Form method="get" className="queue-filters" aria-labelledby="period-heading">
        <h2 id="period-heading">Period</h2>
        {errors.length > 0 ? (
          <div className="error-summary" role="alert" aria-labelledby="period-error-title">
            <h2 id="period-error-title">There is a problem</h2>
            <ul>
              {errors.map((e) => (
                <li key={e.field}>
                  <a href={`#period-${e.field}`}>{e.message}</a>
                </li>
              ))}
            </ul>
            <p>The figures below are for the last 12 months meanwhile.</p>
          </div>
        ) : null}
        <div className="filter-bar">
          {(["from", "to"] as const).map((field) => {
            const error = errorFor(field);
            const id = `period-${field}`;
            return (
              <div key={field} className={`field${error ? " field-error" : ""}`}>
                <label htmlFor={id} className="label">
                  {field === "from" ? "From" : "To"}
                </label>
                {error ? (
                  <p id={`${id}-error`} className="error-message">
                    <span className="visually-hidden">Error: </span>
                    {error}
                  </p>
                ) : null}
                <input
                  id={id}
                  name={field}
                  type="date"
                  className="input input-medium"
                  defaultValue={raw[field]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              </div>
            );
          })}
          <button type="submit" className="button">
            Show figures
          </button>
        </div>
        <ul className="filter-bar plain-list" aria-label="Preset periods">
          {loaderData.presets.map((p) => {
            const current = p.period.from === f.period.from && p.period.to === f.period.to;
            return (
              <li key={p.key}>
                <Link
                  to={`?from=${p.period.from}&to=${p.period.to}`}
                  aria-current={current ? "true" : undefined}
                >
                  {p.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </Form>

      <h2>
        From {f.period.from} to {f.period.to}
      </h2>
      <dl className="figures">
        <Figure label="Applications received" value={number.format(f.received)} />
        <Figure label="Decisions recorded" value={number.format(f.decisions)} />
        <Figure
          label="Eligible"
          value={f.eligibleRate === null ? "—" : percent.format(f.eligibleRate)}
          hint={
            eligibilityDecisions > 0
              ? `of ${number.format(eligibilityDecisions)} eligible or ineligible decisions`
              : "no eligible or ineligible decisions"
          }
        />
        <Figure
          label="Median time to decide"
          value={f.medianDays === null ? "—" : `${number.format(f.medianDays)} days`}
          hint="from receipt to an eligible or ineligible decision"
        />
      </dl>
      <h2>Waiting now</h2>
      <dl className="figures">
        <Figure
          label="Recommendations waiting for a second reviewer"
          value={number.format(f.pendingReviews)}
        />
        <Figure label="Urgent applications in the queue" value={number.format(f.urgentWaiting)} />
      </dl>
      <p>
        <Link to={`/assessments${assessmentQueueSearch({ urgent: true })}`}>
          See the urgent applications
        </Link>
        {" · "}
        <Link to={`/assessments${assessmentQueueSearch({ reviewNeeded: true })}`}>
          See the recommendations waiting for review
        </Link>
      </p>

      <h2>Decisions by outcome</h2>
      <table className="table table-narrow">
        <caption className="visually-hidden">Decisions by outcome</caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="numeric">
              Decisions
            </th>
          </tr>
        </thead>
        <tbody>
          {RECOMMENDATIONS.map((r) => (
            <tr key={r}>
              <th scope="row">{RECOMMENDATION_LABELS[r]}</th>
              <td className="numeric">{number.format(f.outcomes[r])}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Ineligible decisions by reason</h2>
      {f.reasons.length === 0 ? (
        <p>No application was found ineligible in this period.</p>
      ) : (
        <>
          <p className="hint">A decision can give more than one reason.</p>
          <table className="table table-narrow">
            <caption className="visually-hidden">Ineligible decisions by reason</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" className="numeric">
                  Decisions
                </th>
                <th scope="col" className="numeric">
                  Of ineligible decisions
                </th>
              </tr>
            </thead>
            <tbody>
              {f.reasons.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{number.format(r.count)}</td>
                  <td className="numeric">
                    {f.outcomes.ineligible > 0
                      ? percent.format(r.count / f.outcomes.ineligible)
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>Decisions each month</h2>
      <DecisionsChart months={f.months} />
      <DecisionsTable months={f.months} />
    </>
  );
}

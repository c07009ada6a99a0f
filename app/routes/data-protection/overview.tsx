import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { deadlineState, describeDeadline } from "~/data-protection/breaches/rules";
import { getDataProtectionOverview } from "~/data-protection/overview.server";
import { longDate } from "~/letters/merge";
import { readableLondonTime } from "~/shared/uk-time";
import type { Route } from "./+types/overview";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  const o = await asViewer(context, (tx, acting) => getDataProtectionOverview(tx, acting));
  const now = new Date();
  return {
    ...o,
    breaches: o.openBreaches.map((b) => ({
      id: b.id,
      title: b.title,
      countdown: describeDeadline(deadlineState(b, now)),
    })),
    nextDue: o.requests.nextDue ? longDate(o.requests.nextDue) : null,
    policyPublished: o.policy ? readableLondonTime(o.policy.publishedAt) : null,
    chainChecked: o.chain ? readableLondonTime(o.chain.checkedAt) : null,
  };
}

const SWEEP_WORDS: Record<string, string> = {
  dry_run: "dry run waiting for approval",
  approved: "approved, about to run",
  running: "running",
  failed: "stopped with an error",
};

export default function DataProtection({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <title>Data protection – Clearname</title>
      <h1>Data protection</h1>
      <p className="lead">
        {d.organisation.name} is the controller of the personal data it holds. From here you answer
        who saw a record, deal with requests from the people it is about, keep and erase data on the
        schedule, and keep the breach register and the appropriate policy document.
      </p>
      <ul className="card-list">
        <li className="card">
          <h2>
            <Link to="/data-protection/requests">Subject access, rectification and erasure</Link>
          </h2>
          <p>
            {d.requests.open === 0
              ? "No request is open."
              : `${d.requests.open} open; the next is due on ${d.nextDue}.`}
            {d.requests.overdue > 0 ? <strong> {d.requests.overdue} overdue.</strong> : null}
          </p>
        </li>
        <li className="card">
          <h2>
            <Link to="/data-protection/breaches">Personal data breaches</Link>
          </h2>
          {d.breaches.length === 0 ? (
            <p>No breach is open.</p>
          ) : (
            <ul className="plain-list">
              {d.breaches.map((b) => (
                <li key={b.id}>
                  <Link to={`/data-protection/breaches/${b.id}`}>{b.title}</Link>: {b.countdown}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li className="card">
          <h2>
            <Link to="/data-protection/retention">Retention schedule</Link>
          </h2>
          <p>How long each class of record is kept, counted from when, and what happens then.</p>
          <p>
            <Link to="/data-protection/sweeps">Sweeps</Link>:{" "}
            {d.sweeps.length === 0
              ? "none waiting."
              : d.sweeps.map((s) => SWEEP_WORDS[s.status] ?? s.status).join("; ")}
          </p>
          <p>
            <Link to="/data-protection/holds">Legal holds</Link>: {d.holdsInForce} in force.
          </p>
        </li>
        <li className="card">
          <h2>
            <Link to="/data-protection/audit">Who saw what</Link>
          </h2>
          <p>
            The audit trail by person, user, kind and period, with its CSV export. Every applicant,
            application, case and document page links to its own access history.
          </p>
          {d.chainChecked ? (
            <p>
              The chain was last checked on {d.chainChecked}:{" "}
              {d.chain?.ok ? "intact." : <strong>broken — see the audit page.</strong>}
            </p>
          ) : null}
        </li>
        <li className="card">
          <h2>
            <Link to="/data-protection/policy">Appropriate policy document</Link>
          </h2>
          <p>
            {d.policy
              ? `Version ${d.policy.version}, published ${d.policyPublished}.`
              : "Not published yet."}
          </p>
        </li>
      </ul>
    </>
  );
}

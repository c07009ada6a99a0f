import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  AUDIT_FILTER_FIELDS,
  type AuditFilterField,
  auditFilterQuery,
  readAuditFilter,
  readCursor,
} from "~/audit/audit-filter";
import { canCheckAuditChain } from "~/audit/audit-scope";
import { getLastChainCheck } from "~/audit/get-last-chain-check.server";
import { ICO_CATEGORIES, ICO_CATEGORY_LABELS } from "~/audit/ico-categories";
import { listAuditEvents } from "~/audit/list-audit-events.server";
import { runChainCheck } from "~/audit/run-chain-check.server";
import { AuditEventsTable, toShownEvent } from "~/audit/ui/audit-events-table";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/audit";

/**
 * The audit tool: the trail filtered by data subject, user, organisation, kind, action and
 * period, a page at a time, exported as CSV; the chain check run from here. A project's
 * officer sees their own project's events only (checked in the domain and by the database).
 */
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("view:audit:any", "protect:data:own")),
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const { typed, filter, errors } = readAuditFilter(search);
  const before = readCursor(search.get("before"));
  return asViewer(context, async (tx, acting) => {
    const page = await listAuditEvents(tx, acting, filter, { before });
    const last = await getLastChainCheck(tx, acting);
    return {
      typed,
      errors,
      filterQuery: auditFilterQuery(filter),
      before: before ?? null,
      more: page.more,
      wholeTrail: page.wholeTrail,
      organisations: page.organisations,
      events: page.events.map(toShownEvent),
      canCheck: canCheckAuditChain(acting.viewer),
      lastCheck: last ? { ...last, checkedAt: last.checkedAt.toISOString() } : null,
    };
  });
}

export const action = formAction({
  intents: (intent) => ({
    check: intent({
      schema: z.object({}),
      run: (_, { tx, acting }) => runChainCheck(tx, acting),
      done: "/data-protection/audit?checked=1",
    }),
  }),
});

const LABELS: Record<AuditFilterField, string> = {
  subject: "Data subject (applicant id)",
  user: "User (id)",
  organisation: "Organisation",
  kind: "Kind of processing",
  action: "Action",
  from: "From (year-month-day)",
  to: "To (year-month-day)",
};

function FilterField({
  name,
  typed,
  error,
  children,
}: {
  name: AuditFilterField;
  typed: string;
  error?: string;
  children?: React.ReactNode;
}) {
  const id = `filter-${name}`;
  const described = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {LABELS[name]}
      </label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {children ?? (
        <input
          id={id}
          name={name}
          className="input input-medium"
          defaultValue={typed}
          type={name === "from" || name === "to" ? "date" : "text"}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
      )}
    </div>
  );
}

export default function AuditTool({ loaderData, actionData }: Route.ComponentProps) {
  const { typed, errors, filterQuery, before, more, events, organisations, lastCheck } = loaderData;
  const [searchParams] = useSearchParams();
  const checkFailed = resultFor(actionData, "check");
  const last = events.at(-1);
  const errorFields = AUDIT_FILTER_FIELDS.filter((f) => errors[f]);
  const withFilter = (extra: Record<string, string>) => {
    const params = new URLSearchParams(filterQuery.slice(1));
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `?${params.toString()}`;
  };
  return (
    <>
      <title>Audit trail – Clearname</title>
      <h1>Audit trail</h1>
      <p>
        {loaderData.wholeTrail
          ? "Every sign-in, change and view of personal data, newest first."
          : "Every change and view of your organisation's records, newest first."}{" "}
        Each is labelled with the kind of processing the ICO's logging model names. The trail cannot
        be changed.
      </p>
      {errorFields.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="filter-summary-title">
          <h2 id="filter-summary-title">There is a problem with the filter</h2>
          <ul>
            {errorFields.map((f) => (
              <li key={f}>
                <a href={`#filter-${f}`}>{errors[f]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {loaderData.canCheck ? (
        <section aria-labelledby="chain-heading">
          <h2 id="chain-heading">The chain of events</h2>
          {searchParams.has("checked") && lastCheck ? (
            <div className={lastCheck.ok ? "notice" : "notice notice-warning"} role="status">
              <p>
                {lastCheck.ok
                  ? `The chain holds: ${lastCheck.checked} events checked.`
                  : `The chain is broken: ${lastCheck.problem}.`}
              </p>
            </div>
          ) : null}
          <p>
            {lastCheck
              ? `Last checked ${lastCheck.checkedAt.replace("T", " ").slice(0, 19)} UTC by ${lastCheck.by}: ${
                  lastCheck.ok
                    ? `intact, ${lastCheck.checked} events.`
                    : `BROKEN — ${lastCheck.problem}; ${lastCheck.checked} events before it checked out.`
                }`
              : "The chain has not been checked yet."}
          </p>
          {checkFailed?.error ? (
            <p className="field-error">{Object.values(checkFailed.error).flat().join(" ")}</p>
          ) : null}
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="check" />
            <button type="submit" className="button button-secondary">
              Check the chain
            </button>
          </Form>
        </section>
      ) : null}
      <Form method="get" aria-labelledby="filter-heading">
        <h2 id="filter-heading">Filter the events</h2>
        <div className="filter-bar">
          <FilterField name="subject" typed={typed.subject} error={errors.subject} />
          <FilterField name="user" typed={typed.user} error={errors.user} />
          <FilterField name="organisation" typed={typed.organisation} error={errors.organisation}>
            <select
              id="filter-organisation"
              name="organisation"
              className="select"
              defaultValue={typed.organisation}
            >
              <option value="">
                {loaderData.wholeTrail ? "Every organisation" : "Your organisations"}
              </option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField name="kind" typed={typed.kind} error={errors.kind}>
            <select id="filter-kind" name="kind" className="select" defaultValue={typed.kind}>
              <option value="">Every kind</option>
              {ICO_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {ICO_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField name="action" typed={typed.action} error={errors.action} />
          <FilterField name="from" typed={typed.from} error={errors.from} />
          <FilterField name="to" typed={typed.to} error={errors.to} />
          <button type="submit" className="button button-secondary">
            Show events
          </button>
        </div>
      </Form>
      <p>
        <a href={`/data-protection/audit/export${filterQuery}`} download>
          Download these events as CSV
        </a>{" "}
        (every page, up to 50,000 events; the download is recorded in the trail)
      </p>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{before ? "Older events" : "Events, newest first"}</h2>
        <AuditEventsTable
          events={events}
          caption="Audit events"
          userHref={(userId) => withFilter({ user: userId })}
        />
      </section>
      <nav aria-label="Pages of events" className="pagination">
        {before ? <Link to={filterQuery || "?"}>Newest events</Link> : null}{" "}
        {more && last ? (
          <Link to={withFilter({ before: String(last.seq) })}>Older events</Link>
        ) : null}
      </nav>
    </>
  );
}

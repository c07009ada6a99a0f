import { Link, useLocation } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { changeApplicationState } from "~/intake/change-state.server";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import { assignApplications } from "~/intake/queue/assign-applications.server";
import { BulkActions, type BulkError, type BulkResult } from "~/intake/queue/bulk-actions";
import { BulkAssignSchema, BulkStateSchema } from "~/intake/queue/bulk-schema";
import { sumCounts } from "~/intake/queue/counts";
import { listAssignableStaff } from "~/intake/queue/list-assignable-staff.server";
import { listQueue } from "~/intake/queue/list-queue.server";
import { QueueFilterForm } from "~/intake/queue/queue-filter-form";
import { parseQueueParams, queueSearch } from "~/intake/queue/queue-params";
import { formatCount, Pagination, QueueTable } from "~/intake/queue/queue-table";
import { type ApplicationState, STATE_LABELS } from "~/intake/transitions";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/applications";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  // Hostile query strings (a NUL byte, 100,000 characters) are cleaned before they are read.
  const searchParams = normaliseSearchParams(new URL(request.url).searchParams);
  const { request: queueRequest, errors } = parseQueueParams(searchParams);
  return asViewer(context, async (tx, acting) => {
    const page = await listQueue(tx, acting, queueRequest);
    const staff = await listAssignableStaff(tx);
    const establishments = await listEstablishmentOptions(tx);
    return {
      page,
      filters: queueRequest.filters,
      raw: {
        receivedFrom: searchParams.get("receivedFrom")?.slice(0, 100) ?? "",
        receivedTo: searchParams.get("receivedTo")?.slice(0, 100) ?? "",
      },
      errors,
      staff: staff.map((s) => ({
        value: s.id,
        label: s.id === acting.viewer.id ? `${s.name} (you)` : s.name,
      })),
      establishments: establishments.map((e) => ({
        value: e.id,
        label: e.closed ? `${e.name} (closed)` : e.name,
      })),
      canManage: can(acting.viewer, "manage:application:any"),
    };
  });
}

/** What a bulk action did, shown above the list in place of the form's answer. */
const outcome =
  (intent: BulkResult["intent"]) =>
  (done: { changed: unknown[]; skipped: BulkResult["skipped"] }): BulkResult => ({
    intent,
    changed: done.changed.length,
    skipped: done.skipped,
  });

export const action = formAction({
  intents: (intent) => ({
    assign: intent({
      schema: BulkAssignSchema,
      run: async (v, { tx, acting }) =>
        outcome("assign")(
          await assignApplications(
            tx,
            acting,
            v.ids,
            v.assigneeId === "none" ? null : v.assigneeId,
          ),
        ),
    }),
    state: intent({
      schema: BulkStateSchema,
      run: async (v, { tx, acting }) =>
        outcome("state")(
          await changeApplicationState(tx, acting, v.ids, {
            to: v.to,
            closedReason: v.closedReason,
          }),
        ),
    }),
  }),
});

/** The bulk form's answer: what it did, or its errors (a form error is about the ticked rows). */
function bulkAnswer(actionData: unknown): { result: BulkResult | null; errors: BulkError[] } {
  const done = actionData as { done?: true; value?: BulkResult } | undefined;
  if (done?.done && done.value) return { result: done.value, errors: [] };
  const failed = resultFor(actionData, "assign") ?? resultFor(actionData, "state");
  const errors = Object.entries(failed?.error ?? {}).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => ({ field: field || "ids", message })),
  );
  return { result: null, errors };
}

export default function ApplicationsQueue({ loaderData, actionData }: Route.ComponentProps) {
  const { page, filters } = loaderData;
  const location = useLocation();
  const states = Object.keys(STATE_LABELS) as ApplicationState[];
  const withoutState = { ...filters, state: undefined };
  const counts = page.counts;
  const allCount = counts ? sumCounts(states.map((s) => counts[s])) : null;
  const caption = filters.state ? `${STATE_LABELS[filters.state]} applications` : "Applications";
  return (
    <>
      <title>Applications – Clearname</title>
      <h1>Applications</h1>
      {loaderData.canManage ? (
        <p>
          <Link to="/applications/new" className="button">
            Enter a postal application
          </Link>
        </p>
      ) : null}
      <QueueFilterForm
        key={location.search}
        filters={filters}
        raw={loaderData.raw}
        errors={loaderData.errors}
        establishments={loaderData.establishments}
        staff={loaderData.staff}
      />
      <nav aria-labelledby="states-heading" className="state-counts">
        <h2 id="states-heading">By state</h2>
        <ul className="plain-list">
          <li>
            <Link to={queueSearch(withoutState)} aria-current={filters.state ? undefined : "true"}>
              All states ({formatCount(allCount)})
            </Link>
          </li>
          {states.map((s) => (
            <li key={s}>
              <Link
                to={queueSearch({ ...filters, state: s })}
                aria-current={filters.state === s ? "true" : undefined}
              >
                {STATE_LABELS[s]} ({formatCount(counts?.[s] ?? null)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {page.search?.unusable ? (
        <div className="notice notice-warning" role="status">
          <p>
            Search for at least 3 letters of a name, a whole reference like CN-2026-00042, or a
            prisoner number like A1234BC.
          </p>
        </div>
      ) : null}
      {page.search?.fuzzy ? (
        <div className="notice" role="status">
          <p>No name contains every word searched for: these are the most similar names.</p>
        </div>
      ) : null}
      {page.search?.inScans ? (
        <div className="notice" role="status">
          <p>
            {page.search.inScans === 1
              ? "One application was found by the words in its scans."
              : `${page.search.inScans} applications were found by the words in their scans.`}
          </p>
        </div>
      ) : null}
      {page.search?.truncated ? (
        <div className="notice notice-warning" role="status">
          <p>Very many people have that name: add more of it to see them all.</p>
        </div>
      ) : null}
      {loaderData.canManage ? (
        <BulkActions staff={loaderData.staff} {...bulkAnswer(actionData)} />
      ) : null}
      <h2>{caption}</h2>
      <QueueTable rows={page.rows} selectable={loaderData.canManage} caption={caption} />
      <Pagination
        page={page.page}
        total={page.total}
        previousHref={
          page.previous
            ? queueSearch(filters, { before: page.previous, page: page.page - 1 })
            : null
        }
        nextHref={
          page.next ? queueSearch(filters, { after: page.next, page: page.page + 1 }) : null
        }
      />
    </>
  );
}

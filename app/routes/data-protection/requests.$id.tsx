import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { asOfficer, destroyAfterCommit } from "~/data-protection/requests/as-officer.server";
import { closeRequest } from "~/data-protection/requests/close-request.server";
import { editRequest } from "~/data-protection/requests/edit-request.server";
import { extendRequest } from "~/data-protection/requests/extend-request.server";
import { findRecords } from "~/data-protection/requests/find-records.server";
import { getRequest } from "~/data-protection/requests/get-request.server";
import { prepareBundle, releaseBundle } from "~/data-protection/requests/produce-bundle.server";
import { reviewItem } from "~/data-protection/requests/review-item.server";
import {
  ButtonSchema,
  CloseSchema,
  EditRequestSchema,
  ExtendSchema,
  KIND_LABELS,
  ReviewSchema,
} from "~/data-protection/requests/schemas";
import { CloseForm } from "~/data-protection/requests/ui/close-form";
import { ExtendForm } from "~/data-protection/requests/ui/extend-form";
import { RequestForm } from "~/data-protection/requests/ui/request-form";
import { ReviewItemForm } from "~/data-protection/requests/ui/review-item-form";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/requests.$id";

/** One request of the officer's own organisation: find, review, extend, release, decide. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getRequest(tx, acting, id));
}

const back = (id: string, notice: string) => `/data-protection/requests/${id}?${notice}=1`;

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    find: intent({
      schema: ButtonSchema,
      run: (_, { tx, acting, ids }) => findRecords(tx, acting, ids.id),
      done: (found, ids) =>
        `/data-protection/requests/${ids.id}?found=${found.found}&added=${found.added}`,
    }),
    review: intent({
      schema: ReviewSchema,
      run: (input, { tx, acting, ids }) => reviewItem(tx, acting, ids.id, input),
      done: (_, ids) => `${back(ids.id, "reviewed")}#items-heading`,
    }),
    edit: intent({
      schema: EditRequestSchema,
      run: (input, { tx, acting, ids }) => editRequest(tx, acting, ids.id, input),
      done: (_, ids) => back(ids.id, "changed"),
    }),
    extend: intent({
      schema: ExtendSchema,
      run: (input, { tx, acting, ids, args }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          extendRequest(tx, acting, store, ids.id, input),
        ),
      done: (_, ids) => back(ids.id, "extended"),
    }),
    bundle: intent({
      schema: ButtonSchema,
      // Built before the form's transaction opens: no one waits on the database meanwhile.
      prepare: (_, { ids, args }) =>
        prepareBundle(asOfficer(args.context), documentStoreOf(args.context), ids.id),
      run: (_, { tx, acting, ids, args, prepared }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          releaseBundle(tx, acting, store, ids.id, prepared),
        ),
      done: (_, ids) => `${back(ids.id, "bundled")}#bundle-heading`,
    }),
    close: intent({
      schema: CloseSchema,
      run: async (input, { tx, acting, ids, args, afterCommit }) => {
        const { erasedFiles } = await closeRequest(tx, acting, ids.id, input);
        afterCommit([destroyAfterCommit(args.context, erasedFiles)]);
      },
      done: (_, ids) => back(ids.id, "closed"),
    }),
  }),
});

const NOTICES: Record<string, string> = {
  logged: "Request logged. Search the records next.",
  reviewed: "Decision saved.",
  changed: "Request changed.",
  extended: "Deadline extended. The letter to the requester is below: print and send it.",
  bundled: "Bundle produced and kept as released. Download it below and send it.",
  closed: "Request closed.",
};

const FOUND_AS: Record<string, string> = { subject: "About them", third_party: "Mentions them" };
const DECISION: Record<string, string> = {
  pending: "To review",
  released: "Released",
  withheld: "Withheld",
  redacted: "Passages removed",
};

function FormErrors({ result }: { result: ReturnType<typeof resultFor> }) {
  const errors = result?.error?.[""] ?? [];
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>There is a problem</h2>
      <p>{errors.join(" ")}</p>
    </div>
  );
}

export default function RequestPage({ loaderData, actionData }: Route.ComponentProps) {
  const { request: r, items, exemptions, bundles, letters, pending, open } = loaderData;
  const [params] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([k]) => params.get(k))?.[1];
  const found = params.get("found");
  const review = resultFor(actionData, "review");
  const reviewedItem = (review?.initialValue as { itemId?: string } | undefined)?.itemId;
  const exemptionLabel = new Map(exemptions.map((e) => [e.id, e.label]));
  const kind = KIND_LABELS[r.kind];
  return (
    <>
      <title>{`${r.reference} – Subject requests – Clearname`}</title>
      <p className="caption">
        <Link to="/data-protection/requests">Subject requests</Link>
      </p>
      <h1>
        {kind} request {r.reference}
      </h1>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {found && !actionData ? (
        <div className="notice" role="status">
          <p>
            The search found {found} record{found === "1" ? "" : "s"}; {params.get("added")} new.
          </p>
        </div>
      ) : null}
      <FormErrors result={resultFor(actionData, "find")} />
      <dl className="summary-list">
        <div>
          <dt>Person</dt>
          <dd>{r.personName}</dd>
        </div>
        {r.personDetails ? (
          <div>
            <dt>Other names and numbers</dt>
            <dd className="pre-line">{r.personDetails}</dd>
          </div>
        ) : null}
        {r.applicantId ? (
          <div>
            <dt>Applicant record</dt>
            <dd>
              <Link to={`/applicants/${r.applicantId}`}>Open the applicant record</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Identity checked by</dt>
          <dd className="pre-line">{r.identityCheck}</dd>
        </div>
        {r.details ? (
          <div>
            <dt>What they ask for</dt>
            <dd className="pre-line">{r.details}</dd>
          </div>
        ) : null}
        <div>
          <dt>Received</dt>
          <dd>{r.receivedOn}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {loaderData.due}
            {loaderData.overdue ? (
              <>
                {" "}
                <strong className="tag tag-urgent">Overdue</strong>
              </>
            ) : null}
            {r.extendedTo ? ` (extended from ${r.dueOn}: ${r.extensionReason})` : null}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{r.status}</dd>
        </div>
        {r.decision ? (
          <div>
            <dt>Decision</dt>
            <dd className="pre-line">
              {r.decision} ({r.completedOn})
            </dd>
          </div>
        ) : null}
      </dl>

      {open ? (
        <section aria-labelledby="find-heading">
          <h2 id="find-heading">Find the person's records</h2>
          <p>
            Searches your organisation's records by the applicant record, the names, dates of birth
            and prisoner numbers above, including records that mention the person. A second search
            adds what is new and keeps the decisions made.
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="find" />
            <button type="submit" className="button button-secondary">
              Search the records
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">What was found ({items.length})</h2>
        {items.length === 0 ? (
          <p>Nothing has been found yet.</p>
        ) : (
          <>
            {pending > 0 ? <p>{pending} still to review.</p> : null}
            <table className="table">
              <caption className="visually-hidden">Records found and the decision on each</caption>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">The person</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.link ? <Link to={item.link}>{item.title}</Link> : item.title}</td>
                    <td>{FOUND_AS[item.foundAs]}</td>
                    <td>
                      {DECISION[item.decision]}
                      {item.decision === "withheld" && item.exemptionId
                        ? `: ${exemptionLabel.get(item.exemptionId) ?? ""}`
                        : null}
                      {item.decision === "redacted"
                        ? ` (${item.redactions.length} passage${item.redactions.length === 1 ? "" : "s"})`
                        : null}
                      {open && r.kind === "access" ? (
                        <ReviewItemForm
                          item={item}
                          exemptions={exemptions}
                          lastResult={reviewedItem === item.id ? review : undefined}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {r.kind === "rectification" ? (
          <p>
            Correct a record on its own page (follow its link above); then close the request with
            what was corrected and why.
          </p>
        ) : null}
      </section>

      {r.kind === "access" ? (
        <section aria-labelledby="bundle-heading">
          <h2 id="bundle-heading">The bundle</h2>
          <FormErrors result={resultFor(actionData, "bundle")} />
          {open ? (
            <>
              <p>
                One ZIP file: a covering letter and index (PDF), the released records as data
                (JSON), and the released documents — each redacted document as its text with the
                passages removed. It is kept as released.
              </p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="bundle" />
                <button type="submit" className="button">
                  Produce the bundle
                </button>
              </Form>
            </>
          ) : null}
          {bundles.length > 0 ? (
            <ul className="plain-list">
              {bundles.map((b) => (
                <li key={b.id}>
                  <a href={`/data-protection/requests/${r.id}/bundles/${b.id}`}>
                    Download the bundle of {b.producedAt.slice(0, 16).replace("T", " at ")}
                  </a>{" "}
                  ({b.itemCount} records, {Math.ceil(b.byteSize / 1024)} KB, by {b.producedBy})
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {letters.length > 0 ? (
        <section aria-labelledby="letters-heading">
          <h2 id="letters-heading">Letters to the requester</h2>
          <ul className="plain-list">
            {letters.map((l) => (
              <li key={l.id}>
                <a href={`/data-protection/requests/${r.id}/letters/${l.id}`}>{l.filename}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {open && !r.extendedTo ? (
        <section aria-labelledby="extend-heading" className="narrow">
          <h2 id="extend-heading">Extend the deadline</h2>
          <p>
            By up to two further months, for a complex request or several from the person, with a
            letter to them saying why.
          </p>
          <ExtendForm
            latest={loaderData.latestExtension}
            lastResult={resultFor(actionData, "extend")}
          />
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="close-heading" className="narrow">
          <h2 id="close-heading">Decide and close</h2>
          {r.kind === "erasure" ? (
            <div className={`notice${loaderData.erasureRefusal ? " notice-warning" : ""}`}>
              <p>
                {loaderData.erasureRefusal ??
                  "Nothing found requires the records to be kept (no open case, no legal hold). Search the records first, so that every record of the person is checked."}
              </p>
            </div>
          ) : null}
          <CloseForm kind={r.kind} lastResult={resultFor(actionData, "close")} />
        </section>
      ) : null}

      {open ? (
        <details className="case-action">
          <summary>Correct what was logged</summary>
          <RequestForm
            id="edit-request"
            intent="edit"
            lastResult={resultFor(actionData, "edit")}
            defaultValue={{
              kind: r.kind,
              personName: r.personName,
              personDetails: r.personDetails,
              applicantId: r.applicantId ?? "",
              contactAddress: r.contactAddress,
              identityCheck: r.identityCheck,
              details: r.details,
              receivedOn: r.receivedOn,
              version: String(r.version),
            }}
            submit="Save the changes"
          />
        </details>
      ) : null}
    </>
  );
}

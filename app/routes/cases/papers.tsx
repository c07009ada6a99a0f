import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { attempt } from "~/casework/papers/attempt.server";
import { chaseRequest, recordReply, requestPapers } from "~/casework/papers/paper-requests.server";
import {
  AuthoritySchema,
  ChaseSchema,
  HeldSchema,
  NO_AUTHORITY,
  PAPER_KIND_LABELS,
  PaperSchema,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  ReplySchema,
  RequestSchema,
} from "~/casework/papers/paper-schemas";
import {
  addPaper,
  getPapers,
  type PapersPage,
  recordAuthority,
  setPaperHeld,
} from "~/casework/papers/papers.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { PAPER_KINDS } from "~/db/schema/casework";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/papers";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getPapers(tx, acting, params.id));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const back = (notice: string) => redirect(`/cases/${params.id}/papers?${notice}=1`);
  const fail = (formId: string, result: SubmissionResult<string[]>, status = 400) =>
    data({ formId, result }, { status });
  switch (intent) {
    case "held": {
      const s = parseWithZod(formData, { schema: HeldSchema });
      if (s.status !== "success") throw data("Bad request", { status: 400 });
      await asViewer(context, (tx, acting) => setPaperHeld(tx, acting, params.id, s.value));
      throw back("updated");
    }
    case "paper": {
      const s = parseWithZod(formData, { schema: PaperSchema });
      if (s.status !== "success") return fail("paper", s.reply());
      await asViewer(context, (tx, acting) => addPaper(tx, acting, params.id, s.value));
      throw back("added");
    }
    case "authority": {
      const s = parseWithZod(formData, { schema: AuthoritySchema });
      if (s.status !== "success") return fail("authority", s.reply());
      const o = await attempt(context, (tx, acting) =>
        recordAuthority(tx, acting, params.id, s.value),
      );
      if (!o.ok) return fail("authority", s.reply({ formErrors: [o.message] }), 422);
      throw back("authority");
    }
    case "request": {
      const s = parseWithZod(formData, { schema: RequestSchema });
      if (s.status !== "success") return fail("request", s.reply());
      const o = await withDocumentStore(documentStoreOf(context), (store) =>
        attempt(context, (tx, acting) => requestPapers(tx, acting, store, params.id, s.value)),
      );
      if (!o.ok) return fail("request", s.reply({ formErrors: [o.message] }), 422);
      throw back("requested");
    }
    case "chase": {
      const s = parseWithZod(formData, { schema: ChaseSchema });
      const formId = `chase-${String(formData.get("requestId"))}`;
      if (s.status !== "success") return fail(formId, s.reply());
      const o = await attempt(context, (tx, acting) =>
        chaseRequest(tx, acting, params.id, s.value),
      );
      if (!o.ok) return fail(formId, s.reply({ formErrors: [o.message] }), 422);
      throw back("chased");
    }
    default: {
      const s = parseWithZod(formData, { schema: ReplySchema });
      const formId = `reply-${String(formData.get("requestId"))}`;
      if (s.status !== "success") return fail(formId, s.reply());
      const o = await attempt(context, (tx, acting) => recordReply(tx, acting, params.id, s.value));
      if (!o.ok) return fail(formId, s.reply({ formErrors: [o.message] }), 422);
      throw back("replied");
    }
  }
}

type Result = SubmissionResult<string[]> | undefined;
type RequestRow = PapersPage["requests"][number];

function ChaseForm({ r, lastResult }: { r: RequestRow; lastResult: Result }) {
  const [form, fields] = useForm({
    id: `chase-${r.id}`,
    lastResult,
    constraint: getZodConstraint(ChaseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChaseSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ chasedOn: fields.chasedOn, nextChaseOn: fields.nextChaseOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="chase" />
        <input type="hidden" name="requestId" value={r.id} />
        <TextField field={fields.chasedOn} label="Chased on" type="date" width="medium" />
        <TextField
          field={fields.nextChaseOn}
          label="Chase again on (optional)"
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Record the chaser
        </button>
      </Form>
    </>
  );
}

function ReplyForm({ r, lastResult }: { r: RequestRow; lastResult: Result }) {
  const [form, fields] = useForm({
    id: `reply-${r.id}`,
    lastResult,
    constraint: getZodConstraint(ReplySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ status: fields.status, repliedOn: fields.repliedOn, reply: fields.reply }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name="requestId" value={r.id} />
        <SelectField
          field={fields.status}
          label="The reply"
          options={[
            { value: "answered", label: "Answered: papers sent" },
            { value: "refused", label: "Refused" },
          ]}
        />
        <TextField field={fields.repliedOn} label="Date of the reply" type="date" width="medium" />
        <TextareaField field={fields.reply} label="What they said" rows={3} />
        <button type="submit" className="button">
          Record the reply
        </button>
      </Form>
    </>
  );
}

const NOTICES: Record<string, string> = {
  added: "Papers added to the inventory.",
  updated: "Inventory updated.",
  authority: "The form of authority is recorded.",
  requested: "Request recorded; the letter is in the case's documents.",
  chased: "Chaser recorded.",
  replied: "Reply recorded.",
};

export default function PapersPageView({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, authority, papers, requests, documents } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1];
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
  const paperLabel = (id: string) => {
    const p = papers.find((x) => x.id === id);
    return p ? `${PAPER_KIND_LABELS[p.kind]}${p.description ? `: ${p.description}` : ""}` : "";
  };
  const [paperForm, paperFields] = useForm({
    id: "paper",
    lastResult: resultFor("paper"),
    constraint: getZodConstraint(PaperSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaperSchema }),
  });
  const [authForm, authFields] = useForm({
    id: "authority",
    lastResult: resultFor("authority"),
    defaultValue: authority
      ? { recordedOn: authority.recordedOn, documentId: authority.document?.id ?? "" }
      : undefined,
    constraint: getZodConstraint(AuthoritySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AuthoritySchema }),
  });
  const [reqForm, reqFields] = useForm({
    id: "request",
    lastResult: resultFor("request"),
    constraint: getZodConstraint(RequestSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
  });
  const overdue = requests.filter((r) => r.overdue);
  return (
    <>
      <title>{`Papers – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="papers" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h1>Case papers</h1>
      {overdue.length > 0 ? (
        <div className="notice notice-warning">
          <p>
            <strong>
              {overdue.length === 1 ? "1 request is" : `${overdue.length} requests are`} due to be
              chased:
            </strong>{" "}
            {overdue.map((r) => `${r.recipient} (since ${r.chaseOn})`).join("; ")}.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="authority-heading" className="narrow">
        <h2 id="authority-heading">Form of authority</h2>
        {authority ? (
          <p>
            The client's signed form of authority is on file, received on {authority.recordedOn}
            {authority.document ? (
              <>
                {" "}
                (
                <a href={`/cases/${c.id}/documents/${authority.document.id}`} download>
                  {authority.document.filename}
                </a>
                )
              </>
            ) : null}
            .
          </p>
        ) : (
          <div className="notice notice-warning">
            <p>
              No form of authority is recorded. No one will release the client's papers without it,
              so requests cannot be made yet.
            </p>
          </div>
        )}
        <details className="case-action" open={actionData?.formId === "authority" || !authority}>
          <summary>
            {authority ? "Change the form of authority" : "Record the form of authority"}
          </summary>
          <ErrorSummary
            form={authForm}
            fields={{ recordedOn: authFields.recordedOn, documentId: authFields.documentId }}
          />
          <Form method="post" {...getFormProps(authForm)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="authority" />
            <TextField
              field={authFields.recordedOn}
              label="Date the signed form was received"
              type="date"
              width="medium"
            />
            <SelectField
              field={authFields.documentId}
              label="The scan among the case's documents (optional)"
              options={documents.map((d) => ({ value: d.id, label: d.filename }))}
            />
            <button type="submit" className="button">
              Record the form of authority
            </button>
          </Form>
        </details>
      </section>

      <section aria-labelledby="inventory-heading">
        <h2 id="inventory-heading">Inventory</h2>
        {papers.length === 0 ? (
          <p>No papers recorded yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Case papers of {c.reference}</caption>
            <thead>
              <tr>
                <th scope="col">Papers</th>
                <th scope="col">Where they are</th>
                <th scope="col">Held</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {papers.map((p) => (
                <tr key={p.id}>
                  <td>
                    {PAPER_KIND_LABELS[p.kind]}
                    {p.description ? <span className="hint"> {p.description}</span> : null}
                  </td>
                  <td>{p.location}</td>
                  <td>{p.held ? "Held" : "Not held"}</td>
                  <td>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="held" />
                      <input type="hidden" name="paperId" value={p.id} />
                      <input type="hidden" name="held" value={p.held ? "no" : "yes"} />
                      <button type="submit" className="button button-secondary">
                        {p.held ? "Mark as not held" : "Mark as held"}
                        <span className="visually-hidden"> ({PAPER_KIND_LABELS[p.kind]})</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details className="case-action narrow" open={actionData?.formId === "paper"}>
          <summary>Add papers to the inventory</summary>
          <ErrorSummary
            form={paperForm}
            fields={{
              kind: paperFields.kind,
              description: paperFields.description,
              location: paperFields.location,
              held: paperFields.held,
            }}
          />
          <Form method="post" {...getFormProps(paperForm)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="paper" />
            <SelectField
              field={paperFields.kind}
              label="Kind of papers"
              options={PAPER_KINDS.map((k) => ({ value: k, label: PAPER_KIND_LABELS[k] }))}
            />
            <TextField field={paperFields.description} label="Description (optional)" />
            <TextField
              field={paperFields.location}
              label="Where they are, or who has them (optional)"
            />
            <SelectField
              field={paperFields.held}
              label="Does the project hold them?"
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
            <button type="submit" className="button">
              Add the papers
            </button>
          </Form>
        </details>
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests for missing papers</h2>
        {requests.length === 0 ? (
          <p>No requests made yet.</p>
        ) : (
          <ul className="plain-list paper-requests">
            {requests.map((r) => (
              <li
                key={r.id}
                className={r.overdue ? "paper-request paper-request-overdue" : "paper-request"}
              >
                <h3>
                  {paperLabel(r.paperId)} from {r.recipient}
                </h3>
                <p>
                  {RECIPIENT_KIND_LABELS[r.recipientKind]}. Requested on {r.requestedOn}.{" "}
                  {r.chasedOn.length ? `Chased on ${r.chasedOn.join(", ")}. ` : ""}
                  {r.status === "sent"
                    ? r.chaseOn
                      ? `${r.overdue ? "Overdue: chase" : "Chase"} on ${r.chaseOn}.`
                      : "Waiting for a reply."
                    : `${r.status === "answered" ? "Answered" : "Refused"} on ${r.repliedOn}: ${r.reply}`}
                </p>
                {r.letterDocumentId ? (
                  <p>
                    <a href={`/cases/${c.id}/documents/${r.letterDocumentId}`} download>
                      The request letter (PDF)
                    </a>
                  </p>
                ) : null}
                {r.status === "sent" ? (
                  <>
                    <details className="case-action" open={actionData?.formId === `chase-${r.id}`}>
                      <summary>Record a chaser</summary>
                      <ChaseForm r={r} lastResult={resultFor(`chase-${r.id}`)} />
                    </details>
                    <details className="case-action" open={actionData?.formId === `reply-${r.id}`}>
                      <summary>Record the reply</summary>
                      <ReplyForm r={r} lastResult={resultFor(`reply-${r.id}`)} />
                    </details>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <div className="narrow">
          <h3>Request missing papers</h3>
          {!authority ? <p className="hint">{NO_AUTHORITY}</p> : null}
          <p>
            A letter is written from the project, enclosing the form of authority, and kept in the
            case's documents.
          </p>
          <ErrorSummary
            form={reqForm}
            fields={{
              paperId: reqFields.paperId,
              recipientKind: reqFields.recipientKind,
              recipient: reqFields.recipient,
              recipientAddress: reqFields.recipientAddress,
              requestedOn: reqFields.requestedOn,
              chaseOn: reqFields.chaseOn,
            }}
          />
          <Form method="post" {...getFormProps(reqForm)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="request" />
            <SelectField
              field={reqFields.paperId}
              label="Which papers"
              hint={papers.length === 0 ? "Add the papers to the inventory first." : undefined}
              options={papers
                .filter((p) => !p.held)
                .map((p) => ({ value: p.id, label: paperLabel(p.id) }))}
            />
            <SelectField
              field={reqFields.recipientKind}
              label="Who holds them"
              options={RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] }))}
            />
            <TextField field={reqFields.recipient} label="Name of the firm, office or person" />
            <TextareaField
              field={reqFields.recipientAddress}
              label="Their postal address"
              rows={4}
            />
            <TextField
              field={reqFields.requestedOn}
              label="Date of the letter"
              type="date"
              width="medium"
            />
            <TextField
              field={reqFields.chaseOn}
              label="Chase on (optional)"
              type="date"
              width="medium"
            />
            <button type="submit" className="button">
              Make the request and write the letter
            </button>
          </Form>
        </div>
      </section>
    </>
  );
}

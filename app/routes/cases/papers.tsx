import { useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { chaseRequest, recordReply, requestPapers } from "~/casework/papers/paper-requests.server";
import {
  AuthoritySchema,
  ChaseSchema,
  HeldSchema,
  PaperSchema,
  ReplySchema,
  RequestSchema,
} from "~/casework/papers/paper-schemas";
import {
  addPaper,
  getPapers,
  recordAuthority,
  setPaperHeld,
} from "~/casework/papers/papers.server";
import { AuthoritySection } from "~/casework/papers/ui/authority-section";
import { InventorySection } from "~/casework/papers/ui/inventory-section";
import { RequestsSection } from "~/casework/papers/ui/requests-section";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import { CaseNav } from "~/casework/ui/case-nav";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/papers";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getPapers(tx, acting, id));
}

const back = (notice: string) => (_: unknown, ids: { id: string }) =>
  `/cases/${ids.id}/papers?${notice}=1`;

/** Every form of the page posts here with its `intent`. */
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    paper: intent({
      schema: PaperSchema,
      run: (input, { tx, acting, ids }) => addPaper(tx, acting, ids.id, input),
      done: back("added"),
    }),
    held: intent({
      schema: HeldSchema,
      run: (input, { tx, acting, ids }) => setPaperHeld(tx, acting, ids.id, input),
      done: back("updated"),
    }),
    authority: intent({
      schema: AuthoritySchema,
      run: (input, { tx, acting, ids }) => recordAuthority(tx, acting, ids.id, input),
      done: back("authority"),
    }),
    request: intent({
      schema: RequestSchema,
      // The letter is stored as the request is made; a refused request takes its file with it.
      run: (input, { tx, acting, ids, args }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          requestPapers(tx, acting, store, ids.id, input),
        ),
      done: back("requested"),
    }),
    chase: intent({
      schema: ChaseSchema,
      run: (input, { tx, acting, ids }) => chaseRequest(tx, acting, ids.id, input),
      done: back("chased"),
    }),
    reply: intent({
      schema: ReplySchema,
      run: (input, { tx, acting, ids }) => recordReply(tx, acting, ids.id, input),
      done: back("replied"),
    }),
  }),
});

const NOTICES: Record<string, string> = {
  added: "Papers added to the inventory.",
  updated: "Inventory updated.",
  removed: "Papers removed from the inventory.",
  authority: "The form of authority is recorded.",
  requested: "Request recorded; the letter is in the case's documents.",
  chased: "Chaser recorded.",
  replied: "Reply recorded.",
};

/**
 * The papers page: the form of authority, the inventory and the requests for missing papers,
 * each a component of app/casework/papers/ui; every form posts here with its `intent`.
 */
export default function PapersPageView({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, authority, papers, requests, documents } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1];
  const formKey = useFormKey();
  const overdue = requests.filter((r) => r.overdue);
  return (
    <>
      <title>{`Papers – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="papers" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ButtonFormProblem result={resultFor(actionData, "held")} />
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
      <AuthoritySection
        closed={c.closed}
        caseId={c.id}
        authority={authority}
        documents={documents}
        lastResult={resultFor(actionData, "authority")}
      />
      <InventorySection
        closed={c.closed}
        key={`inventory-${formKey}`}
        caseId={c.id}
        reference={c.reference}
        papers={papers}
        lastResult={resultFor(actionData, "paper")}
      />
      <RequestsSection
        closed={c.closed}
        key={`requests-${formKey}`}
        caseId={c.id}
        hasAuthority={authority !== null}
        papers={papers}
        requests={requests}
        actionData={actionData}
      />
    </>
  );
}

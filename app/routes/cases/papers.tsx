import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { attempt } from "~/casework/papers/attempt.server";
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
import { CaseNav } from "~/casework/ui/case-nav";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
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
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
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
      <AuthoritySection
        caseId={c.id}
        authority={authority}
        documents={documents}
        lastResult={resultFor("authority")}
      />
      <InventorySection
        caseId={c.id}
        reference={c.reference}
        papers={papers}
        lastResult={resultFor("paper")}
      />
      <RequestsSection
        caseId={c.id}
        hasAuthority={authority !== null}
        papers={papers}
        requests={requests}
        resultFor={resultFor}
      />
    </>
  );
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { listAssessors } from "~/eligibility/hand-over.server";
import { AssessmentQueueTable, QueuePagination } from "~/eligibility/queue/assessment-queue-table";
import { assignAssessments } from "~/eligibility/queue/assign-assessments.server";
import { BulkAssignForm, type BulkAssignResult } from "~/eligibility/queue/bulk-assign-form";
import { BulkAssignSchema } from "~/eligibility/queue/bulk-assign-schema";
import { listAssessmentQueue } from "~/eligibility/queue/list-assessment-queue.server";
import { AssessmentQueueFilterForm } from "~/eligibility/queue/queue-filter-form";
import {
  assessmentQueueSearch,
  parseAssessmentQueueParams,
} from "~/eligibility/queue/queue-params";
import { assessorWorkload } from "~/eligibility/queue/workload.server";
import { WorkloadTable } from "~/eligibility/queue/workload-table";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { type FormDone, formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/queue";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const { request: queueRequest, errors } = parseAssessmentQueueParams(search);
  return asViewer(context, async (tx, acting) => {
    const page = await listAssessmentQueue(tx, acting, queueRequest);
    const workload = await assessorWorkload(tx, acting);
    const assessors = await listAssessors(tx);
    return {
      page,
      workload,
      filters: queueRequest.filters,
      rawOlderThan: search.get("olderThan") ?? "",
      errors,
      viewerId: acting.viewer.id,
      assessors: assessors.map((s) => ({
        value: s.id,
        label: s.id === acting.viewer.id ? `${s.name} (you)` : s.name,
      })),
      canAssign: can(acting.viewer, "assess:application:any"),
    };
  });
}

export const action = formAction({
  intents: (intent) => ({
    assign: intent({
      schema: BulkAssignSchema,
      // No redirect: the outcome (started, handed over, skipped) is shown on the queue.
      run: ({ ids, assessorId }, { tx, acting }): Promise<BulkAssignResult> =>
        assignAssessments(tx, acting, ids, assessorId),
    }),
  }),
});

export default function AssessmentQueue({ loaderData, actionData }: Route.ComponentProps) {
  const { page, filters } = loaderData;
  const formKey = useFormKey();
  const answered = actionData as Partial<FormDone<BulkAssignResult>> | undefined;
  const assigned = answered?.done ? (answered.value ?? null) : null;
  const caption = "Assessment queue: urgent first, then the oldest";
  return (
    <>
      <title>Assessments – Clearname</title>
      <h1>Assessments</h1>
      <p>
        Applications waiting for assessment and every open assessment. Urgent applications —
        convicted or sentenced in the last 28 days, or flagged with the appeal window open — come
        first, then the oldest.
      </p>
      <AssessmentQueueFilterForm
        key={JSON.stringify(filters) + loaderData.rawOlderThan}
        filters={filters}
        rawOlderThan={loaderData.rawOlderThan}
        errors={loaderData.errors}
        assessors={loaderData.assessors}
      />
      {loaderData.canAssign ? (
        <BulkAssignForm
          key={formKey}
          assessors={loaderData.assessors}
          lastResult={resultFor(actionData, "assign")}
          outcome={assigned}
        />
      ) : null}
      <h2>Queue</h2>
      <AssessmentQueueTable
        // A new table after an assignment, so that the ticks of what was assigned are cleared.
        key={assigned ? JSON.stringify(assigned) : "queue"}
        rows={page.rows}
        selectable={loaderData.canAssign}
        caption={caption}
      />
      <QueuePagination
        page={page.page}
        pages={page.pages}
        total={page.total}
        href={(n) => assessmentQueueSearch(filters, n)}
      />
      <WorkloadTable workload={loaderData.workload} viewerId={loaderData.viewerId} />
    </>
  );
}

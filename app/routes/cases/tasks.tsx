import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { today } from "~/shared/dates";
import { listSubjectTasks } from "~/tasks/list-tasks.server";
import { subjectTasksAction } from "~/tasks/task-actions.server";
import { SubjectTasks } from "~/tasks/ui/subject-tasks-page";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/tasks";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) =>
    listSubjectTasks(tx, acting, { kind: "case", id }),
  );
  return {
    caseId: id,
    reference: page.open.reference,
    tasks: page.tasks,
    colleagues: page.colleagues,
    closed: page.open.closed,
    today: today(),
  };
}

export const action = subjectTasksAction("case");

export default function CaseTasks({ loaderData, actionData }: Route.ComponentProps) {
  const { caseId, reference } = loaderData;
  return (
    <>
      <title>{`Tasks – ${reference} – Clearname`}</title>
      <CaseNav caseId={caseId} reference={reference} current="tasks" />
      <p className="caption">Case {reference}</p>
      <SubjectTasks {...loaderData} actionData={actionData} />
    </>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { today } from "~/shared/dates";
import { listSubjectTasks } from "~/tasks/list-tasks.server";
import { subjectTasksAction } from "~/tasks/task-actions.server";
import { SubjectTasks } from "~/tasks/ui/subject-tasks-page";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/tasks";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) =>
    listSubjectTasks(tx, acting, { kind: "application", id }),
  );
  return {
    applicationId: id,
    reference: page.open.reference,
    tasks: page.tasks,
    colleagues: page.colleagues,
    today: today(),
  };
}

export const action = subjectTasksAction("application");

export default function ApplicationTasks({ loaderData, actionData }: Route.ComponentProps) {
  const { applicationId, reference } = loaderData;
  return (
    <>
      <title>{`Tasks – ${reference} – Clearname`}</title>
      <p>
        <Link to={`/applications/${applicationId}`}>Back to application {reference}</Link>
      </p>
      <p className="caption">Application {reference}</p>
      <SubjectTasks {...loaderData} actionData={actionData} />
    </>
  );
}

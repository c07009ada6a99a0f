import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { createProject } from "~/organisations/organisations.server";
import { ProjectForm } from "~/organisations/project-form";
import { ProjectSchema } from "~/organisations/schemas";
import type { Route } from "./+types/organisations.new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:organisation:any"))];

export function loader() {
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ProjectSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await asViewer(context, (tx, acting) =>
    createProject(tx, acting, submission.value),
  );
  throw redirect(`/organisations/${created.id}?created=1`);
}

export default function NewProject({ actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Add a member project – Clearname</title>
      <h1>Add a member project</h1>
      <ProjectForm lastResult={actionData?.result} submitLabel="Add project" />
    </div>
  );
}

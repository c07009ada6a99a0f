import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import { createProject } from "~/organisations/organisations.server";
import { ProjectForm } from "~/organisations/project-form";
import { ProjectSchema } from "~/organisations/schemas";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/organisations.new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:organisation:any"))];

export function loader() {
  return null;
}

export const action = formAction({
  intents: (intent) => ({
    add: intent({
      schema: ProjectSchema,
      run: (input, { tx, acting }) => createProject(tx, acting, input),
      done: (created) => `/organisations/${created.id}?created=1`,
    }),
  }),
});

export default function NewProject({ actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Add a member project – Clearname</title>
      <h1>Add a member project</h1>
      <ProjectForm lastResult={resultFor(actionData, "add")} submitLabel="Add project" />
    </div>
  );
}

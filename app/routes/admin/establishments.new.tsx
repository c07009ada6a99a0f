import { Link } from "react-router";
import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import { EstablishmentForm } from "~/establishments/establishment-form";
import { addEstablishment } from "~/establishments/manage-establishments.server";
import { EstablishmentSchema } from "~/establishments/schemas";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/establishments.new";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:establishment:any")),
];

export function loader() {
  return null;
}

export const action = formAction({
  intents: (intent) => ({
    save: intent({
      schema: EstablishmentSchema,
      run: (input, { tx, acting }) => addEstablishment(tx, acting, input),
      done: (added) => `/admin/establishments/${added.id}?added=1`,
    }),
  }),
});

export default function NewEstablishment({ actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Add an establishment – Clearname</title>
      <h1>Add an establishment</h1>
      <p>For a prison that is not in the register yet, or one that has opened since.</p>
      <EstablishmentForm
        lastResult={resultFor(actionData, "save")}
        submitLabel="Add establishment"
      />
      <p>
        <Link to="/admin/establishments">Cancel</Link>
      </p>
    </div>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import { recordBreach } from "~/data-protection/breaches/record-breach.server";
import { BreachSchema } from "~/data-protection/breaches/schemas";
import { BreachForm } from "~/data-protection/breaches/ui/breach-form";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/breaches.new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export function loader() {
  return null;
}

export const action = formAction({
  intents: (intent) => ({
    record: intent({
      schema: BreachSchema,
      run: (input, { tx, acting }) => recordBreach(tx, acting, input),
      done: (row) => `/data-protection/breaches/${row.id}?recorded=1`,
    }),
  }),
});

export default function NewBreach({ actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Record a breach – Clearname</title>
      <p className="caption">
        <Link to="/data-protection/breaches">Personal data breaches</Link>
      </p>
      <h1>Record a breach</h1>
      <p>
        Record it as soon as you know, even with little detail: the clock to tell the ICO starts
        when the organisation found out. You can assess it and decide on the next page.
      </p>
      <BreachForm lastResult={resultFor(actionData, "record")} />
    </div>
  );
}

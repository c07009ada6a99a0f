import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  canEditExemptions,
  listExemptions,
  networkIdOf,
  saveExemption,
} from "~/data-protection/requests/exemptions.server";
import { ExemptionSchema } from "~/data-protection/requests/schemas";
import { ExemptionForm } from "~/data-protection/requests/ui/exemption-form";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/exemptions";

/**
 * The exemptions an officer may withhold an item under. Every officer reads the list; the
 * network's officers and administrators keep it (checked in the domain and by the database).
 */
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("protect:data:own", "manage:settings:any")),
];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => ({
    exemptions: await listExemptions(tx),
    canEdit: canEditExemptions(acting, await networkIdOf(tx)),
  }));
}

export const action = formAction({
  intents: (intent) => ({
    save: intent({
      schema: ExemptionSchema,
      run: (input, { tx, acting }) => saveExemption(tx, acting, input),
      done: "/data-protection/exemptions?saved=1",
    }),
  }),
});

export default function Exemptions({ loaderData, actionData }: Route.ComponentProps) {
  const { exemptions, canEdit } = loaderData;
  const result = resultFor(actionData, "save");
  const forItem = (result?.initialValue as { exemptionId?: string } | undefined)?.exemptionId ?? "";
  const formKey = useFormKey();
  return (
    <>
      <title>Disclosure exemptions – Clearname</title>
      <p className="caption">
        <Link to="/data-protection/requests">Subject requests</Link>
      </p>
      <h1>Disclosure exemptions</h1>
      <p>
        What an officer may rely on to withhold a record from a subject access bundle (Data
        Protection Act 2018, Schedules 2 to 4). The covering letter names the exemption used.
      </p>
      <ul className="card-list">
        {exemptions.map((e) => (
          <li key={e.id} className="card">
            <h2>
              {e.label}
              {e.active ? null : <span className="tag tag-closed"> Not in use</span>}
            </h2>
            {e.description ? <p>{e.description}</p> : null}
            {canEdit ? (
              <details className="case-action" open={forItem === e.id ? true : undefined}>
                <summary>
                  Change<span className="visually-hidden"> {e.label}</span>
                </summary>
                <ExemptionForm exemption={e} lastResult={forItem === e.id ? result : undefined} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Add an exemption</h2>
          <ExemptionForm
            key={formKey}
            exemption={null}
            lastResult={result && !forItem ? result : undefined}
          />
        </section>
      ) : (
        <p>The network's data-protection officer keeps this list.</p>
      )}
    </>
  );
}

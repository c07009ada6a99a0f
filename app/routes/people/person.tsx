import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getPerson } from "~/casework/people/people.server";
import { PERSON_KIND_LABELS } from "~/casework/people/people-schemas";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/person";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { personId } = requireIds(params, ["personId"]);
  return asViewer(context, (tx, acting) => getPerson(tx, acting, personId));
}

/** A person the project knows, and the cases (that the user may see) they appear in. */
export default function PersonPage({ loaderData }: Route.ComponentProps) {
  const { person, cases } = loaderData;
  return (
    <>
      <title>{`${person.name} – Clearname`}</title>
      <p className="caption">{PERSON_KIND_LABELS[person.kind]}</p>
      <h1>{person.name}</h1>
      {person.description ? <p className="pre-line">{person.description}</p> : null}
      <h2>Cases they appear in</h2>
      {cases.length === 0 ? (
        <p>They appear in none of the cases you work on.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Cases in which {person.name} appears</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Their role</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <Link to={`/cases/${c.caseId}/people`}>{c.reference}</Link>
                </td>
                <td>{c.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Only the cases you may see are listed.</p>
    </>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import { EntryForm } from "~/eligibility/admin/entry-form";
import { backToLists, listOf, postedTo } from "~/eligibility/admin/list-pages";
import { addListEntry } from "~/eligibility/admin/manage-assessment-lists.server";
import { ENTRY_SCHEMAS, LIST_NAMES, LISTS } from "~/eligibility/admin/schemas";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/assessment-lists.new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

export async function loader({ params }: Route.LoaderArgs) {
  return { list: listOf(params) };
}

// Each list's entries have their own form; the form posts its list as its intent.
export const action = formAction({
  intents: (intent) =>
    Object.fromEntries(
      LIST_NAMES.map((list) => [
        list,
        intent({
          schema: ENTRY_SCHEMAS[list],
          run: (input, { tx, acting, args }) =>
            addListEntry(tx, acting, postedTo(args.params, list), input),
          done: ({ key }) => backToLists("added", list, key),
        }),
      ]),
    ),
});

export default function NewListEntry({ loaderData, actionData }: Route.ComponentProps) {
  const meta = LISTS[loaderData.list];
  return (
    <div className="narrow">
      <title>{`Add ${meta.aSingular} – Clearname`}</title>
      <p>
        <Link to={`/admin/assessment-lists#${loaderData.list}`}>Assessment lists</Link>
      </p>
      <h1>Add {meta.aSingular}</h1>
      <p>{meta.hint} It is added at the end of the list.</p>
      <EntryForm
        list={loaderData.list}
        defaultValue={{}}
        lastResult={resultFor(actionData, loaderData.list)}
        submitLabel={`Add the ${meta.singular}`}
      />
    </div>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EntryForm } from "~/eligibility/admin/entry-form";
import { backToLists, listOf, postedTo } from "~/eligibility/admin/list-pages";
import { getListEntry, updateListEntry } from "~/eligibility/admin/manage-assessment-lists.server";
import { ENTRY_SCHEMAS, LIST_NAMES, LISTS } from "~/eligibility/admin/schemas";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/assessment-lists.edit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const list = listOf(params);
  const entry = await asViewer(context, (tx) => getListEntry(tx, list, params.key));
  return { list, entry };
}

// Each list's entries have their own form; the form posts its list as its intent.
export const action = formAction({
  intents: (intent) =>
    Object.fromEntries(
      LIST_NAMES.map((list) => [
        list,
        intent({
          schema: ENTRY_SCHEMAS[list],
          run: async (input, { tx, acting, args }) => {
            const key = args.params.key ?? "";
            const { changed } = await updateListEntry(
              tx,
              acting,
              postedTo(args.params, list),
              key,
              input,
            );
            return backToLists(changed ? "saved" : "unchanged", list, key);
          },
          done: (back) => back,
        }),
      ]),
    ),
});

export default function EditListEntry({ loaderData, actionData }: Route.ComponentProps) {
  const { list, entry } = loaderData;
  const meta = LISTS[list];
  return (
    <div className="narrow">
      <title>{`${entry.label} – ${meta.title} – Clearname`}</title>
      <p>
        <Link to={`/admin/assessment-lists#${list}`}>Assessment lists</Link>
      </p>
      <h1>{entry.label}</h1>
      <p>
        {meta.singular.charAt(0).toUpperCase() + meta.singular.slice(1)} with the key{" "}
        <code>{entry.key}</code>
        {entry.active ? "" : ", deactivated"}. Renaming it changes what assessors and letters show
        from now on; assessments that chose it keep it.
      </p>
      <EntryForm
        key={entry.stamp}
        list={list}
        defaultValue={entry}
        lastResult={resultFor(actionData, list)}
        submitLabel="Save changes"
      />
    </div>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EntryForm } from "~/eligibility/admin/entry-form";
import { getListEntry, updateListEntry } from "~/eligibility/admin/manage-assessment-lists.server";
import { ENTRY_SCHEMAS, isListName, LISTS } from "~/eligibility/admin/schemas";
import { AppError, notFound } from "~/errors/app-error";
import type { Route } from "./+types/assessment-lists.edit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

function listOf(params: { list?: string }) {
  if (!isListName(params.list)) throw data({ message: notFound("list").message }, { status: 404 });
  return params.list;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const list = listOf(params);
  const entry = await asViewer(context, (tx) => getListEntry(tx, list, params.key));
  return { list, entry };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const list = listOf(params);
  const submission = parseWithZod(await request.formData(), { schema: ENTRY_SCHEMAS[list] });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      return await updateListEntry(tx, acting, list, params.key, submission.value);
    } catch (error) {
      if (error instanceof AppError && (error.code === "INVALID" || error.code === "CONFLICT"))
        return error;
      throw error;
    }
  });
  if (outcome instanceof AppError)
    return data(
      {
        result:
          outcome.code === "INVALID"
            ? submission.reply({ fieldErrors: { label: [outcome.message] } })
            : submission.reply({ formErrors: [outcome.message] }),
      },
      { status: outcome.code === "CONFLICT" ? 409 : 422 },
    );
  const done = outcome.changed ? "saved" : "unchanged";
  throw redirect(
    `/admin/assessment-lists?${new URLSearchParams({ done, list, key: params.key })}#${list}`,
  );
}

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
        lastResult={actionData?.result}
        submitLabel="Save changes"
      />
    </div>
  );
}

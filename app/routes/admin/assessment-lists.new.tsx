import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EntryForm } from "~/eligibility/admin/entry-form";
import { addListEntry } from "~/eligibility/admin/manage-assessment-lists.server";
import { ENTRY_SCHEMAS, isListName, LISTS } from "~/eligibility/admin/schemas";
import { AppError, notFound } from "~/errors/app-error";
import type { Route } from "./+types/assessment-lists.new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

function listOf(params: { list?: string }) {
  if (!isListName(params.list)) throw data({ message: notFound("list").message }, { status: 404 });
  return params.list;
}

export async function loader({ params }: Route.LoaderArgs) {
  return { list: listOf(params) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const list = listOf(params);
  const submission = parseWithZod(await request.formData(), { schema: ENTRY_SCHEMAS[list] });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      return await addListEntry(tx, acting, list, submission.value);
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID") return error;
      throw error;
    }
  });
  if (outcome instanceof AppError)
    return data(
      { result: submission.reply({ fieldErrors: { label: [outcome.message] } }) },
      { status: 422 },
    );
  throw redirect(
    `/admin/assessment-lists?${new URLSearchParams({ done: "added", list, key: outcome.key })}#${list}`,
  );
}

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
        lastResult={actionData?.result}
        submitLabel={`Add the ${meta.singular}`}
      />
    </div>
  );
}

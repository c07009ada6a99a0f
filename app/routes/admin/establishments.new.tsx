import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { EstablishmentForm } from "~/establishments/establishment-form";
import { addEstablishment } from "~/establishments/manage-establishments.server";
import { EstablishmentSchema } from "~/establishments/schemas";
import type { Route } from "./+types/establishments.new";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:establishment:any")),
];

export function loader() {
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: EstablishmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      return { row: await addEstablishment(tx, acting, submission.value), error: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID") return { row: null, error };
      throw error;
    }
  });
  if (!outcome.row) {
    return data(
      { result: submission.reply({ fieldErrors: { name: [outcome.error?.message ?? ""] } }) },
      { status: 422 },
    );
  }
  throw redirect(`/admin/establishments/${outcome.row.id}?added=1`);
}

export default function NewEstablishment({ actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>Add an establishment – Clearname</title>
      <h1>Add an establishment</h1>
      <p>For a prison that is not in the register yet, or one that has opened since.</p>
      <EstablishmentForm lastResult={actionData?.result} submitLabel="Add establishment" />
      <p>
        <Link to="/admin/establishments">Cancel</Link>
      </p>
    </div>
  );
}

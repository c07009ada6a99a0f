import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { AppError } from "~/errors/app-error";
import {
  currentJob,
  recoverInterruptedImports,
  startCheckInBackground,
  startImportInBackground,
} from "~/intake/import/background.server";
import { startImport } from "~/intake/import/run-import.server";
import { runImportRoute } from "~/intake/import/run-page.server";
import { ImportRunView } from "~/intake/import/run-view";
import { getImportRun, type ImportMode } from "~/intake/import/runs.server";
import type { Route } from "./+types/run";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

const PAGE_SIZE = 50;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const page = Math.max(
    1,
    Number.parseInt(new URL(request.url).searchParams.get("page") ?? "", 10) || 1,
  );
  return asViewer(context, async (tx, acting) => {
    await recoverInterruptedImports(tx);
    const run = await getImportRun(tx, acting, params.id);
    return runImportRoute(run, currentJob(run.id), page, PAGE_SIZE);
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "check") {
    const acting = await asViewer(context, async (tx, acting) => {
      const run = await getImportRun(tx, acting, params.id);
      if (run.status !== "uploaded" || Object.keys(run.mapping).length === 0)
        throw redirect(`/imports/${run.id}/mapping`);
      return acting;
    });
    startCheckInBackground(services, acting, params.id);
    throw redirect(`/imports/${params.id}`);
  }
  const mode = form.get("mode");
  if (mode !== "all_or_nothing" && mode !== "valid_only")
    return data(
      { modeError: "Choose how to import: all or nothing, or valid rows only" },
      { status: 400 },
    );
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      await startImport(tx, acting, params.id, mode satisfies ImportMode);
      return { acting, refusal: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT")
        return { acting, refusal: error.message };
      throw error;
    }
  });
  if (outcome.refusal) return data({ modeError: outcome.refusal }, { status: 409 });
  startImportInBackground(services, outcome.acting, params.id);
  throw redirect(`/imports/${params.id}`);
}

export default function ImportRun({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <title>{`${loaderData.run.filename} – Imports – Clearname`}</title>
      <ImportRunView data={loaderData} modeError={actionData?.modeError ?? null} />
      <p>
        <Link to="/imports">Back to imports</Link>
      </p>
    </>
  );
}

import { Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import {
  currentJob,
  recoverInterruptedImports,
  startCheckInBackground,
  startImportInBackground,
} from "~/intake/import/background.server";
import { startImport } from "~/intake/import/run-import.server";
import { runImportRoute } from "~/intake/import/run-page.server";
import { ImportRunView } from "~/intake/import/run-view";
import { getImportRun } from "~/intake/import/runs.server";
import { CheckAgainSchema, ImportModeSchema } from "~/intake/import/upload-schema";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
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

/**
 * Checking and importing run in the background once the request's transaction has committed:
 * the check or import is started after the change that allows it is saved.
 */
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    import: intent({
      schema: ImportModeSchema,
      run: async ({ mode }, { tx, acting, ids, args, afterCommit }) => {
        await startImport(tx, acting, ids.id, mode);
        const services = args.context.get(servicesContext);
        afterCommit([async () => void startImportInBackground(services, acting, ids.id)]);
      },
      done: (_, ids) => `/imports/${ids.id}`,
    }),
    check: intent({
      schema: CheckAgainSchema,
      run: async (_, { tx, acting, ids, args, afterCommit }) => {
        const run = await getImportRun(tx, acting, ids.id);
        if (run.status !== "uploaded" || Object.keys(run.mapping).length === 0)
          throw redirect(`/imports/${run.id}/mapping`);
        const services = args.context.get(servicesContext);
        afterCommit([async () => void startCheckInBackground(services, acting, ids.id)]);
      },
      done: (_, ids) => `/imports/${ids.id}`,
    }),
  }),
});

export default function ImportRun({ loaderData, actionData }: Route.ComponentProps) {
  const failed = resultFor(actionData, "import")?.error;
  const modeError = failed?.mode?.[0] ?? failed?.[""]?.[0] ?? null;
  return (
    <>
      <title>{`${loaderData.run.filename} – Imports – Clearname`}</title>
      <ImportRunView data={loaderData} modeError={modeError} />
      <p>
        <Link to="/imports">Back to imports</Link>
      </p>
    </>
  );
}

import { requires } from "~/access/access";
import { access, actingFrom } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { importStore } from "~/intake/import/background.server";
import { importProblemsCsv } from "~/intake/import/errors-csv.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/errors-csv";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

/** Every problem row of the run's file as CSV (resource route: no page). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const services = context.get(servicesContext);
  const { filename, body } = await importProblemsCsv(
    services.database.db,
    actingFrom(context),
    importStore(services),
    id,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

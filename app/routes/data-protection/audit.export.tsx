import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { readAuditFilter } from "~/audit/audit-filter";
import { csvResponse } from "~/audit/csv-response";
import { exportAuditEvents } from "~/audit/export-audit-events.server";
import { normaliseSearchParams } from "~/shared/normalise-input";
import type { Route } from "./+types/audit.export";

/** The audit tool's events, with its filter, as CSV; the export is itself audited. */
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("view:audit:any", "protect:data:own")),
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { filter } = readAuditFilter(normaliseSearchParams(new URL(request.url).searchParams));
  const file = await asViewer(context, (tx, acting) =>
    exportAuditEvents(tx, acting, { from: "filter", filter }),
  );
  return csvResponse(file);
}

import { data } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { csvResponse } from "~/audit/csv-response";
import { exportAuditEvents } from "~/audit/export-audit-events.server";
import { isHistoryType } from "~/audit/history-link";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/history.export";

/** One record's access history as CSV; the export is itself audited against the record. */
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("view:audit:any", "protect:data:own")),
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const type = params.type;
  if (!isHistoryType(type))
    throw data({ message: "We could not find that page." }, { status: 404 });
  const file = await asViewer(context, (tx, acting) =>
    exportAuditEvents(tx, acting, { from: "history", type, id }),
  );
  return csvResponse(file);
}

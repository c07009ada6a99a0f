import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { openNetworkReport } from "~/casework/report/network-cases.server";
import { sentCaseReportDownload } from "~/casework/report/report-pdf.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/cases-report-pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

/** A project's annual case report as it was sent, for the network's oversight; audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { caseId, reportId } = requireIds(params, ["caseId", "reportId"]);
  const report = await asViewer(context, (tx, acting) =>
    openNetworkReport(tx, acting, caseId, reportId),
  );
  return sentCaseReportDownload(report);
}

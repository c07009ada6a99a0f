import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { openSentReportForCase } from "~/casework/report/case-report.server";
import { sentCaseReportDownload } from "~/casework/report/report-pdf.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/report-sent-pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** An annual case report as it was sent to the network, for the case's team; audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, reportId } = requireIds(params, ["id", "reportId"]);
  const report = await asViewer(context, (tx, acting) =>
    openSentReportForCase(tx, acting, id, reportId),
  );
  return sentCaseReportDownload(report);
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getCaseReportDraft } from "~/casework/report/case-report.server";
import { renderCaseReportPdf } from "~/casework/report/report-pdf.server";
import { periodAsked } from "~/casework/report/schemas";
import { fileDownload } from "~/referrals/file-download.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/report-pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** The draft annual case report as a PDF, for the lead to check; the printing is audited. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const asked = periodAsked(request);
  const draft = await asViewer(context, (tx, acting) =>
    getCaseReportDraft(tx, acting, id, asked, { printed: true }),
  );
  const bytes = await renderCaseReportPdf(draft.content, { kind: "draft" });
  return fileDownload({
    filename: `${draft.case.reference}-annual-report-draft.pdf`,
    mediaType: "application/pdf",
    bytes,
  });
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getHandoverPack } from "~/casework/year-end/handover-pack.server";
import { renderHandoverPackPdf } from "~/casework/year-end/handover-pack-pdf.server";
import { fileDownload } from "~/referrals/file-download.server";
import { today } from "~/shared/dates";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/handover-pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** The case's hand-over pack as a PDF, for the team and the project's leads; audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const pack = await asViewer(context, (tx, acting) => getHandoverPack(tx, acting, id));
  const bytes = await renderHandoverPackPdf(pack, today());
  return fileDownload({
    filename: `${pack.reference}-hand-over-pack.pdf`,
    mediaType: "application/pdf",
    bytes,
  });
}

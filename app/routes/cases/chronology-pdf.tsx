import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getChronology } from "~/casework/chronology/chronology.server";
import { renderChronologyPdf } from "~/casework/chronology/chronology-pdf.server";
import { fileDownload } from "~/referrals/file-download.server";
import { today } from "~/shared/dates";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/chronology-pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** The case's chronology as a PDF to print; the printing is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const chronology = await asViewer(context, (tx, acting) =>
    getChronology(tx, acting, id, { printed: true }),
  );
  const bytes = await renderChronologyPdf(chronology, today());
  return fileDownload({
    filename: `${chronology.case.reference}-chronology.pdf`,
    mediaType: "application/pdf",
    bytes,
  });
}

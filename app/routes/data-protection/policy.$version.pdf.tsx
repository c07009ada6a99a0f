import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getPolicyVersion } from "~/data-protection/policy/list-policy-versions.server";
import { renderPolicyPdf } from "~/data-protection/policy/policy-pdf.server";
import { policyVersionParam } from "~/data-protection/policy/version-param";
import { longDate } from "~/letters/merge";
import { fileDownload } from "~/referrals/file-download.server";
import type { Route } from "./+types/policy.$version.pdf";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

/** A published version as a PDF, as it was published. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const version = policyVersionParam(params.version);
  const row = await asViewer(context, (tx, acting) => getPolicyVersion(tx, acting, version));
  const bytes = await renderPolicyPdf(row.content, {
    number: row.version,
    publishedOn: longDate(row.publishedAt.toISOString().slice(0, 10)),
  });
  return fileDownload({
    filename: `appropriate-policy-document-v${row.version}.pdf`,
    mediaType: "application/pdf",
    bytes,
  });
}

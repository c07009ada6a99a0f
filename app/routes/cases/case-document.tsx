import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { fileDownload } from "~/referrals/file-download.server";
import { openCaseDocument } from "~/referrals/get-case.server";
import type { Route } from "./+types/case-document";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** A document of the project's case file, for its members; every opening is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const store = documentStoreOf(context);
  const doc = await asViewer(context, (tx, acting) =>
    openCaseDocument(tx, acting, store, params.id, params.documentId),
  );
  return fileDownload(doc);
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { fileDownload } from "~/referrals/file-download.server";
import { openOfferDocument } from "~/referrals/get-offer.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/offer-document";

export const middleware: Route.MiddlewareFunction[] = [access(requires("respond:referral:own"))];

/** A case-pack document of an open offer, for the project's leads; every opening is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, documentId } = requireIds(params, ["id", "documentId"]);
  const store = documentStoreOf(context);
  const doc = await asViewer(context, (tx, acting) =>
    openOfferDocument(tx, acting, store, id, documentId),
  );
  return fileDownload(doc);
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { readRequestLetter } from "~/data-protection/requests/read-bundle.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { fileDownload } from "~/referrals/file-download.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/requests.$id.letters.$letterId";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

/** A letter written to the requester (an extension), as it was sent; the download is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, letterId } = requireIds(params, ["id", "letterId"]);
  const store = documentStoreOf(context);
  return fileDownload(
    await asViewer(context, (tx, acting) => readRequestLetter(tx, acting, store, id, letterId)),
  );
}

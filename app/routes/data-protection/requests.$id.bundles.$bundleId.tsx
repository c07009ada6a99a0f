import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { readBundle } from "~/data-protection/requests/read-bundle.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { fileDownload } from "~/referrals/file-download.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/requests.$id.bundles.$bundleId";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

/** A released bundle, as released, for its organisation's officer; every download is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, bundleId } = requireIds(params, ["id", "bundleId"]);
  const store = documentStoreOf(context);
  return fileDownload(
    await asViewer(context, (tx, acting) => readBundle(tx, acting, store, id, bundleId)),
  );
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreFor, fileResponse } from "~/letters/letter-store.server";
import { openLetter } from "~/letters/list-letters.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/applications.$id.letters.$documentId";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

/** Downloads a letter filed on the application (audited as a view of the applicant's file). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, documentId } = requireIds(params, ["id", "documentId"]);
  const file = await asViewer(context, (tx, acting) =>
    openLetter(tx, acting, documentStoreFor(context), id, documentId),
  );
  return fileResponse(file.bytes, file);
}

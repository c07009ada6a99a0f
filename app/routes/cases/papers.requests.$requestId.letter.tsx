import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { requestLetterDocx } from "~/casework/papers/paper-requests.server";
import { fileResponse } from "~/letters/letter-store.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/papers.requests.$requestId.letter";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

/** A request for papers' letter as a Word document, to edit (audited as a reading of the file). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, requestId } = requireIds(params, ["id", "requestId"]);
  const file = await asViewer(context, (tx, acting) =>
    requestLetterDocx(tx, acting, id, requestId),
  );
  return fileResponse(file.bytes, file);
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreFor, fileResponse } from "~/letters/letter-store.server";
import { openLetter } from "~/letters/list-letters.server";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/applications.$id.letters.$documentId";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

/**
 * Downloads a letter filed on the application (audited as a view of the applicant's file);
 * `?as=docx` or `?as=pdf` asks for it in its other format, made again from its template version.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { id, documentId } = requireIds(params, ["id", "documentId"]);
  const as = normaliseSearchParams(new URL(request.url).searchParams).get("as");
  const format = as === "pdf" || as === "docx" ? as : undefined;
  const file = await asViewer(context, (tx, acting) =>
    openLetter(tx, acting, documentStoreFor(context), id, documentId, format),
  );
  return fileResponse(file.bytes, file);
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { documentStoreOf } from "~/intake/entry/document-store.server";
import { openDocument } from "~/intake/entry/open-document.server";
import type { Route } from "./+types/document";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

/** Sends a document decrypted, as a download; every opening is audited. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const store = documentStoreOf(context);
  const doc = await asViewer(context, (tx, acting) => openDocument(tx, acting, store, params.id));
  const ascii = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(doc.bytes), {
    headers: {
      "Content-Type": doc.mediaType,
      "Content-Length": String(doc.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

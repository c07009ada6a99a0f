import type { RouterContextProvider } from "react-router";
import type { DocumentStore } from "~/documents/storage.server";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";

/** The encrypted document store under DATA_DIR, keyed by the app secret. */
export const documentStoreFor = documentStoreOf;

/**
 * Runs work that files letters; files it stored are removed again if it fails (see
 * withDocumentStore). Wrap the whole `asViewer(…)` call, not the work inside it.
 */
export function withLetterStore<T>(
  context: Readonly<RouterContextProvider>,
  fn: (store: DocumentStore) => Promise<T>,
): Promise<T> {
  return withDocumentStore(documentStoreOf(context), fn);
}

/** A download's headers: the file is personal data, so no cache keeps it. */
export function fileResponse(
  bytes: Uint8Array,
  file: { filename: string; mediaType: string },
  disposition: "attachment" | "inline" = "attachment",
): Response {
  const ascii = file.filename.replace(/[^\w.-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

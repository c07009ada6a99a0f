import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import type { DocumentStore } from "~/documents/storage.server";
import type { LoadedAssessment } from "./load-assessment.server";

/**
 * Produces the decision letter for a decided assessment (template per outcome, PDF, large
 * print when asked), files it on the application and in the correspondence log, and returns
 * the document's id. (Being written: see the eligibility issue.)
 */
export async function fileDecisionLetter(
  _tx: Queryable,
  _acting: Acting,
  _store: DocumentStore,
  _loaded: LoadedAssessment,
  _options: { largePrint: boolean },
): Promise<{ documentId: string }> {
  throw new Error("decision letters are not written yet");
}

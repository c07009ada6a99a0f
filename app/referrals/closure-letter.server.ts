import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden, notFound } from "~/errors/app-error";
import { fileLetter } from "~/letters/file-letter.server";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { buildVersionedLetter, currentTemplate } from "~/letters/letter-templates.server";

/**
 * The letter telling an applicant that the project which had their case has closed and the
 * network will look for another: filed on their application (PDF, with its correspondence
 * entry and audit event) in the closing transaction. One per case returned by closeProject.
 */
export async function fileProjectClosedLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  applicationId: string,
  projectName: string,
): Promise<{ documentId: string }> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only the network's staff can send letters to applicants.");
  const [subject] = await loadLetterSubjects(tx, [applicationId]);
  if (!subject) throw notFound("application");
  const letter = buildVersionedLetter(await currentTemplate(tx, "project_closed"), {
    ...subject.facts,
    extras: { projectName },
  });
  const { documentId } = await fileLetter(tx, acting, store, subject, letter, "pdf", {
    batch: false,
  });
  return { documentId };
}

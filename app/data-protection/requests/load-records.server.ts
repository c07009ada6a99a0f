import { eq, getTableColumns, inArray } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "~/db/database.server";
import {
  applicants,
  applications,
  assessments,
  caseCorrespondence,
  caseDocuments,
  caseNotes,
  casePeople,
  cases,
  correspondence,
  documents,
  people,
} from "~/db/schema";

/** What a record holds for the requester, and its file when it is a document. */
export interface ItemRecord {
  data: Record<string, unknown>;
  file?: { storageKey: string; filename: string; mediaType: string };
  /** The document's text, where it was extracted (case documents): what a redacted copy is made of. */
  text?: string | null;
}

/** Keys that are the system's own bookkeeping, not information about the person. */
const INTERNAL =
  /(^id$|Id$|^version$|^namesText$|^storageKey$|^sha256$|^byteSize$|^activeContent$|^importKey$|^extractedText$|^likelyDuplicate$|^isDraft$|By$)/;

function personal(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => !INTERNAL.test(k))
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

const TABLES: Record<string, PgTable & { id: never }> = {
  applicant: applicants,
  application: applications,
  assessment: assessments,
  correspondence,
  case: cases,
  case_note: caseNotes,
  case_correspondence: caseCorrespondence,
} as never;

/**
 * The records behind items of one request, read as the officer (row-level security applies),
 * by type in one query each: their fields about the person, and the file of each document.
 */
export async function loadRecords(
  tx: Queryable,
  items: readonly { itemType: string; itemId: string }[],
): Promise<Map<string, ItemRecord>> {
  const out = new Map<string, ItemRecord>();
  const key = (type: string, id: string) => `${type}:${id}`;
  const idsOf = (...types: string[]) =>
    items.filter((i) => types.includes(i.itemType)).map((i) => i.itemId);
  for (const [type, table] of Object.entries(TABLES)) {
    const ids = idsOf(type);
    if (!ids.length) continue;
    const cols = getTableColumns(table) as Record<string, never>;
    const rows = (await tx
      .select()
      .from(table)
      .where(inArray(cols.id as never, ids))) as Record<string, unknown>[];
    for (const row of rows) out.set(key(type, row.id as string), { data: personal(row) });
  }
  const docIds = idsOf("document", "letter");
  if (docIds.length) {
    const rows = await tx.select().from(documents).where(inArray(documents.id, docIds));
    for (const d of rows) {
      const record = {
        data: personal(d),
        file: { storageKey: d.storageKey, filename: d.filename, mediaType: d.mediaType },
        text: null,
      };
      out.set(key("document", d.id), record);
      out.set(key("letter", d.id), record);
    }
  }
  const caseDocIds = idsOf("case_document");
  if (caseDocIds.length) {
    const rows = await tx.select().from(caseDocuments).where(inArray(caseDocuments.id, caseDocIds));
    for (const d of rows)
      out.set(key("case_document", d.id), {
        data: personal(d),
        file: { storageKey: d.storageKey, filename: d.filename, mediaType: d.mediaType },
        text: d.extractedText,
      });
  }
  const personIds = idsOf("case_person");
  if (personIds.length) {
    const rows = await tx
      .select({
        id: casePeople.id,
        name: people.name,
        kind: people.kind,
        description: people.description,
        role: casePeople.role,
        notes: casePeople.notes,
        contactConsentOn: casePeople.contactConsentOn,
      })
      .from(casePeople)
      .innerJoin(people, eq(people.id, casePeople.personId))
      .where(inArray(casePeople.id, personIds));
    for (const p of rows) out.set(key("case_person", p.id), { data: personal(p) });
  }
  return out;
}

import { and, asc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseDocuments, caseLines, evidenceItems, suspectedCauses } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  mustBeOpen,
  openCase,
  touchCase,
} from "../case-access.server";
import type { EvidenceInput } from "./evidence-schemas";

/** The case's evidence register, with what an item may refer to (causes, lines, documents). */
export async function listEvidence(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const items = await tx
    .select()
    .from(evidenceItems)
    .where(eq(evidenceItems.caseId, c.id))
    .orderBy(asc(evidenceItems.createdAt));
  const causes = await tx
    .select({
      key: suspectedCauses.key,
      label: suspectedCauses.label,
      active: suspectedCauses.active,
    })
    .from(suspectedCauses)
    .orderBy(asc(suspectedCauses.position), asc(suspectedCauses.label));
  const lines = await tx
    .select({ id: caseLines.id, description: caseLines.description })
    .from(caseLines)
    .where(eq(caseLines.caseId, c.id))
    .orderBy(asc(caseLines.position));
  const documents = await tx
    .select({ id: caseDocuments.id, filename: caseDocuments.filename })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.filename));
  await auditCase(tx, acting, c, "case.evidence.viewed");
  return {
    case: { ...caseHeading(c) },
    items,
    causes,
    lines,
    documents,
  };
}

async function checkReferences(tx: Queryable, c: CaseRow, input: EvidenceInput, kept: string[]) {
  const causes = await tx
    .select({ key: suspectedCauses.key, active: suspectedCauses.active })
    .from(suspectedCauses);
  // A code since retired may stay on an item that had it; it cannot be newly added.
  const allowed = new Set(causes.filter((k) => k.active || kept.includes(k.key)).map((k) => k.key));
  const unknown = input.fallibility.filter((code) => !allowed.has(code));
  if (unknown.length > 0)
    throw invalid("Choose fallibility codes from the list", { field: "fallibility", unknown });
  if (input.lineId) {
    const [line] = await tx
      .select({ id: caseLines.id })
      .from(caseLines)
      .where(and(eq(caseLines.id, input.lineId), eq(caseLines.caseId, c.id)));
    if (!line) throw invalid("Choose a line of investigation of this case", { field: "lineId" });
  }
  if (input.documentId) {
    const [doc] = await tx
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.id, input.documentId), eq(caseDocuments.caseId, c.id)));
    if (!doc) throw invalid("Choose a document of this case", { field: "documentId" });
  }
}

const usedAtTrial = (v: EvidenceInput["usedAtTrial"]) => (v === "unknown" ? null : v === "yes");

/**
 * Adds an item to the register or, given its id and version, changes it; a stale version
 * is refused with nothing overwritten.
 */
export async function saveEvidence(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: EvidenceInput,
): Promise<{ evidenceId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const fallibility = [...new Set(input.fallibility)];
  const values = {
    kind: input.kind,
    description: input.description,
    source: input.source,
    usedAtTrial: usedAtTrial(input.usedAtTrial),
    howChallenged: input.howChallenged,
    fallibility,
    lineId: input.lineId ?? null,
    documentId: input.documentId ?? null,
  };
  if (!input.id) {
    await checkReferences(tx, c, { ...input, fallibility }, []);
    const [row] = await tx
      .insert(evidenceItems)
      .values({ caseId: c.id, ...values, createdBy: acting.viewer.id })
      .returning({ id: evidenceItems.id });
    if (!row) throw new Error("evidence insert returned nothing");
    await auditCase(tx, acting, c, "case.evidence.added", { evidenceId: row.id, kind: input.kind });
    await touchCase(tx, c);
    return { evidenceId: row.id };
  }
  const [existing] = await tx
    .select({ version: evidenceItems.version, fallibility: evidenceItems.fallibility })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.id, input.id), eq(evidenceItems.caseId, c.id)));
  if (!existing) throw notFound("evidence item");
  await checkReferences(tx, c, { ...input, fallibility }, existing.fallibility);
  const [row] = await tx
    .update(evidenceItems)
    .set({ ...values, updatedAt: new Date(), version: (input.version ?? 0) + 1 })
    .where(
      and(
        eq(evidenceItems.id, input.id),
        eq(evidenceItems.caseId, c.id),
        eq(evidenceItems.version, input.version ?? -1),
      ),
    )
    .returning({ id: evidenceItems.id });
  if (!row)
    throw conflict(
      "Someone else saved this item after you opened it. Nothing was changed: look at what they saved and make your changes again.",
    );
  await auditCase(tx, acting, c, "case.evidence.updated", { evidenceId: row.id, kind: input.kind });
  await touchCase(tx, c);
  return { evidenceId: row.id };
}

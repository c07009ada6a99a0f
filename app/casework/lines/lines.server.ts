import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseDocuments, caseLines, evidenceItems, investigationCategories } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { auditCase, caseHeading, mustBeOpen, openCase, touchCase } from "../case-access.server";
import { teamOf } from "../team/case-team.server";
import type { EditLine, NewLine } from "./line-schemas";

async function categories(tx: Queryable) {
  return tx
    .select()
    .from(investigationCategories)
    .orderBy(asc(investigationCategories.position), asc(investigationCategories.label));
}

/** The case's lines of investigation with their owners, and the kinds a new line may be. */
export async function listLines(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const lines = await tx
    .select()
    .from(caseLines)
    .where(eq(caseLines.caseId, c.id))
    .orderBy(asc(caseLines.position), asc(caseLines.description));
  const team = await teamOf(tx, c);
  const cats = await categories(tx);
  await auditCase(tx, acting, c, "case.lines.viewed");
  const names = new Map(team.map((m) => [m.userId, m.name]));
  const labels = new Map(cats.map((k) => [k.key, k.label]));
  return {
    case: { ...caseHeading(c) },
    lines: lines.map((l) => ({
      id: l.id,
      category: labels.get(l.category) ?? l.category,
      description: l.description,
      priority: l.priority,
      status: l.status,
      result: l.result,
      ownerName: l.ownerId ? (names.get(l.ownerId) ?? "A former team member") : null,
      addedByProject: l.addedByProject,
    })),
    categories: cats.filter((k) => k.active).map((k) => ({ value: k.key, label: k.label })),
  };
}

/** One line, with the team who may own it and the evidence and documents it produced. */
export async function getLine(tx: Queryable, acting: Acting, caseId: string, lineId: string) {
  const c = await openCase(tx, acting, caseId);
  if (!isId(lineId)) throw notFound("line of investigation");
  const [line] = await tx
    .select()
    .from(caseLines)
    .where(and(eq(caseLines.id, lineId), eq(caseLines.caseId, c.id)));
  if (!line) throw notFound("line of investigation");
  const evidence = await tx
    .select({
      id: evidenceItems.id,
      kind: evidenceItems.kind,
      description: evidenceItems.description,
      documentId: evidenceItems.documentId,
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.caseId, c.id), eq(evidenceItems.lineId, line.id)))
    .orderBy(asc(evidenceItems.createdAt));
  const documentIds = [
    ...new Set(evidence.map((e) => e.documentId).filter((d): d is string => d !== null)),
  ];
  const documents =
    documentIds.length === 0
      ? []
      : await tx
          .select({ id: caseDocuments.id, filename: caseDocuments.filename })
          .from(caseDocuments)
          .where(and(eq(caseDocuments.caseId, c.id), inArray(caseDocuments.id, documentIds)))
          .orderBy(asc(caseDocuments.filename));
  const team = (await teamOf(tx, c)).filter((m) => m.current || m.userId === line.ownerId);
  const [category] = await tx
    .select({ label: investigationCategories.label })
    .from(investigationCategories)
    .where(eq(investigationCategories.key, line.category));
  await auditCase(tx, acting, c, "case.line.viewed", { lineId: line.id });
  return {
    case: { ...caseHeading(c) },
    line: { ...line, categoryLabel: category?.label ?? line.category },
    team: team.map((m) => ({ userId: m.userId, name: m.name ?? "A team member" })),
    evidence,
    documents,
  };
}

/** Adds a line of investigation of the project's own (the referral's lines come with the case). */
export async function addLine(tx: Queryable, acting: Acting, caseId: string, input: NewLine) {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  const [category] = await tx
    .select()
    .from(investigationCategories)
    .where(eq(investigationCategories.key, input.category));
  if (!category?.active) throw invalid("Choose the kind of line", { field: "category" });
  const [last] = await tx
    .select({ position: max(caseLines.position) })
    .from(caseLines)
    .where(eq(caseLines.caseId, c.id));
  const [row] = await tx
    .insert(caseLines)
    .values({
      caseId: c.id,
      position: (last?.position ?? -1) + 1,
      category: input.category,
      description: input.description,
      rationale: input.rationale,
      addedByProject: true,
    })
    .returning({ id: caseLines.id });
  if (!row) throw new Error("line insert returned nothing");
  await auditCase(tx, acting, c, "case.line.added", { lineId: row.id, category: input.category });
  await touchCase(tx, c);
  return { lineId: row.id };
}

/**
 * Records work on a line. The version the user started from must still be the line's: if
 * someone saved in between, nothing is overwritten and the user is told.
 */
export async function updateLine(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  lineId: string,
  input: EditLine,
) {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  if (!isId(lineId)) throw notFound("line of investigation");
  if (input.result && !input.resultReason)
    throw invalid("Say why the line has this result", { field: "resultReason" });
  if (input.ownerId) {
    const team = await teamOf(tx, c, true);
    const [current] = await tx
      .select({ ownerId: caseLines.ownerId })
      .from(caseLines)
      .where(and(eq(caseLines.id, lineId), eq(caseLines.caseId, c.id)));
    // Keeping a former member as owner is allowed; making someone off the team owner is not.
    if (current?.ownerId !== input.ownerId && !team.some((m) => m.userId === input.ownerId))
      throw invalid("Choose a member of the case's team", { field: "ownerId" });
  }
  const [row] = await tx
    .update(caseLines)
    .set({
      ownerId: input.ownerId ?? null,
      status: input.status,
      steps: input.steps,
      result: input.result ?? null,
      resultReason: input.result ? (input.resultReason ?? null) : null,
      updatedAt: new Date(),
      version: input.version + 1,
    })
    .where(
      and(
        eq(caseLines.id, lineId),
        eq(caseLines.caseId, c.id),
        eq(caseLines.version, input.version),
      ),
    )
    .returning({ id: caseLines.id, version: caseLines.version });
  if (!row) {
    const [exists] = await tx
      .select({ id: caseLines.id })
      .from(caseLines)
      .where(and(eq(caseLines.id, lineId), eq(caseLines.caseId, c.id)));
    if (!exists) throw notFound("line of investigation");
    throw conflict(
      "Someone else saved this line after you opened it. Nothing was changed: look at what they saved and make your changes again.",
    );
  }
  await auditCase(tx, acting, c, "case.line.updated", {
    lineId: row.id,
    status: input.status,
    result: input.result ?? null,
  });
  await touchCase(tx, c);
  return row;
}

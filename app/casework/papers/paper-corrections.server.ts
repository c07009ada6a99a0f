import { and, count, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Acting } from "~/access/acting";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  mustBeOpen,
  openCase,
  touchCase,
} from "~/casework/case-access.server";
import { changedFields } from "~/casework/changed-fields";
import type { Queryable } from "~/db/database.server";
import { casePapers, paperRequests } from "~/db/schema";
import { conflict, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { type EditPaperSchema, papersWithRequests } from "./paper-schemas";

type Paper = typeof casePapers.$inferSelect;

/**
 * The inventory is the team's shared list (its entries record no author): anyone on the case
 * corrects or removes an entry, as anyone marks papers held, and every change is audited.
 */
async function paperOf(tx: Queryable, c: CaseRow, paperId: string): Promise<Paper> {
  if (!isId(paperId)) throw notFound("papers");
  const [paper] = await tx
    .select()
    .from(casePapers)
    .where(and(eq(casePapers.id, paperId), eq(casePapers.caseId, c.id)))
    .for("update");
  if (!paper) throw notFound("papers");
  return paper;
}

async function requestCount(tx: Queryable, paperId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(paperRequests)
    .where(eq(paperRequests.paperId, paperId));
  return row?.n ?? 0;
}

/** The correction page of one inventory entry, with how many requests name it. */
export async function getPaper(tx: Queryable, acting: Acting, caseId: string, paperId: string) {
  const c = await openCase(tx, acting, caseId);
  const paper = await paperOf(tx, c, paperId);
  return {
    case: { ...caseHeading(c) },
    paper: {
      id: paper.id,
      kind: paper.kind,
      description: paper.description,
      location: paper.location,
      held: paper.held,
    },
    requests: await requestCount(tx, paper.id),
  };
}

/** Corrects an entry's description, where the papers are and whether they are held. */
export async function changePaper(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  paperId: string,
  input: z.output<typeof EditPaperSchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const paper = await paperOf(tx, c, paperId);
  const after = {
    description: input.description,
    location: input.location,
    held: input.held === "yes",
  };
  const changes = changedFields(paper, after);
  if (Object.keys(changes).length === 0) return;
  await tx.update(casePapers).set(after).where(eq(casePapers.id, paper.id));
  await auditCase(tx, acting, c, "case.paper.changed", {
    paperId: paper.id,
    fields: Object.keys(changes),
  });
  await touchCase(tx, c);
}

/**
 * Removes papers recorded by mistake. Refused while any request names them: the request, its
 * letter and its chasers are the case's record of who was asked for what.
 */
export async function removePaper(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  paperId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const paper = await paperOf(tx, c, paperId);
  const requests = await requestCount(tx, paper.id);
  if (requests > 0) throw conflict(papersWithRequests(requests));
  await tx.delete(casePapers).where(eq(casePapers.id, paper.id));
  await auditCase(tx, acting, c, "case.paper.removed", {
    paperId: paper.id,
    removed: { kind: paper.kind, held: paper.held },
  });
  await touchCase(tx, c);
}

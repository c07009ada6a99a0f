import { and, eq, inArray, or } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicationLinks, applications } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";

export type LinkKind = "re_application" | "co_defendant";

export const LINK_KINDS: Record<LinkKind, string> = {
  re_application: "Re-application",
  co_defendant: "Co-defendant",
};

export interface LinkInput {
  applicationId: string;
  linkedApplicationId: string;
  kind: LinkKind;
  note?: string | null;
}

async function loadPair(tx: Queryable, ids: [string, string]) {
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
      receivedOn: applications.receivedOn,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .where(inArray(applications.id, ids));
  const [a, b] = ids.map((id) => rows.find((r) => r.id === id));
  if (!a || !b) throw notFound("application");
  return [a, b] as const;
}

/**
 * Links this application to another: as a re-application after an earlier one (this → the
 * earlier), or to a co-defendant's application. The link is audited on each person it is about.
 */
export async function linkApplications(
  tx: Queryable,
  acting: Acting,
  input: LinkInput,
): Promise<{ linkId: string }> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can link applications.");
  if (input.applicationId === input.linkedApplicationId)
    throw invalid("An application cannot be linked to itself.");
  const [app, other] = await loadPair(tx, [input.applicationId, input.linkedApplicationId]);
  if (input.kind === "re_application") {
    const earlier =
      other.receivedOn < app.receivedOn ||
      (other.receivedOn === app.receivedOn && other.createdAt < app.createdAt);
    if (!earlier)
      throw invalid(
        `${other.reference} was not received before ${app.reference}: link the later one as the re-application.`,
      );
  }
  const existing = await tx
    .select({ id: applicationLinks.id })
    .from(applicationLinks)
    .where(
      and(
        eq(applicationLinks.kind, input.kind),
        or(
          and(
            eq(applicationLinks.applicationId, app.id),
            eq(applicationLinks.linkedApplicationId, other.id),
          ),
          and(
            eq(applicationLinks.applicationId, other.id),
            eq(applicationLinks.linkedApplicationId, app.id),
          ),
        ),
      ),
    );
  if (existing.length > 0)
    throw conflict(`${app.reference} and ${other.reference} are already linked that way.`);
  const [link] = await tx
    .insert(applicationLinks)
    .values({
      applicationId: app.id,
      linkedApplicationId: other.id,
      kind: input.kind,
      note: input.note?.trim() || null,
      createdBy: acting.viewer.id,
    })
    .returning({ id: applicationLinks.id });
  if (!link) throw new Error("link not inserted");
  const details = {
    linkId: link.id,
    kind: input.kind,
    applicationId: app.id,
    reference: app.reference,
    linkedApplicationId: other.id,
    linkedReference: other.reference,
  };
  await auditOnBoth(tx, acting, "application.linked", app, other, details);
  return { linkId: link.id };
}

/** Removes a link from or to this application; the audit keeps what it was. */
export async function unlinkApplications(
  tx: Queryable,
  acting: Acting,
  input: { applicationId: string; linkId: string },
): Promise<void> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can unlink applications.");
  const [link] = await tx
    .select()
    .from(applicationLinks)
    .where(
      and(
        eq(applicationLinks.id, input.linkId),
        or(
          eq(applicationLinks.applicationId, input.applicationId),
          eq(applicationLinks.linkedApplicationId, input.applicationId),
        ),
      ),
    );
  if (!link) throw notFound("link");
  const [app, other] = await loadPair(tx, [link.applicationId, link.linkedApplicationId]);
  await tx.delete(applicationLinks).where(eq(applicationLinks.id, link.id));
  await auditOnBoth(tx, acting, "application.unlinked", app, other, {
    linkId: link.id,
    kind: link.kind,
    applicationId: app.id,
    reference: app.reference,
    linkedApplicationId: other.id,
    linkedReference: other.reference,
    note: link.note,
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
  });
}

/** One event per data subject: a co-defendant link is about two people. */
async function auditOnBoth(
  tx: Queryable,
  acting: Acting,
  action: string,
  app: { id: string; applicantId: string; organisationId: string },
  other: { id: string; applicantId: string; organisationId: string },
  details: Record<string, unknown>,
): Promise<void> {
  const actor = actorOf(acting);
  await recordAuditEvent(tx, actor, {
    action,
    entityType: "application",
    entityId: app.id,
    subjectId: app.applicantId,
    organisationId: app.organisationId,
    details,
  });
  if (other.applicantId !== app.applicantId) {
    await recordAuditEvent(tx, actor, {
      action,
      entityType: "application",
      entityId: other.id,
      subjectId: other.applicantId,
      organisationId: other.organisationId,
      details,
    });
  }
}

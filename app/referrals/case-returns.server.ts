import { and, eq, inArray, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications, cases, referralOffers } from "~/db/schema";
import { invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { requireRefer, requireRespondFor } from "./guard";
import { notifyMembers } from "./notify.server";
import type { Context } from "./offers.server";

/** A case still with its project. */
export const ACTIVE_CASE_STAGES = [
  "open",
  "investigating",
  "application_drafted",
  "submitted",
  "acknowledged",
  "under_review",
  "provisional_statement",
  "review_decided",
  "appeal",
  "concluded",
] as const;

export async function lockCase(tx: Queryable, caseId: string) {
  if (!isId(caseId)) throw notFound("case");
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for("update");
  if (!row) throw notFound("case");
  return row;
}

function requireActiveCase(c: { stage: string }) {
  if (!(ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage))
    throw invalid("This case is no longer with the project.");
}

/**
 * The project hands a case back to the network, with its reasons: the case leaves the
 * project's active list (its file is kept) and the application awaits referral again.
 */
export async function handBackCase(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  caseId: string,
  reason: string,
): Promise<{ deliveries: (() => Promise<void>)[] }> {
  const c = await lockCase(tx, caseId);
  requireRespondFor(acting, c.organisationId);
  requireActiveCase(c);
  if (!reason.trim()) throw invalid("Say why the case is handed back.", { field: "reason" });
  await tx
    .update(cases)
    .set({
      stage: "handed_back",
      endedReason: reason,
      handoverNote: c.handoverNote ?? reason,
      endedAt: new Date(),
      updatedAt: new Date(),
      version: c.version + 1,
    })
    .where(eq(cases.id, caseId));
  await tx.execute(sql`select app_case_handed_back(${caseId}::uuid)`);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "case.handed_back",
    entityType: "case",
    entityId: caseId,
    organisationId: c.organisationId,
    reason,
    details: { applicationId: c.applicationId, reference: c.reference },
  });
  // The network that made the offer: the project's lead can read its offers, not the
  // network's applications.
  const [offer] = await tx
    .select({ organisationId: referralOffers.organisationId })
    .from(referralOffers)
    .where(eq(referralOffers.id, c.offerId));
  const network = offer?.organisationId;
  const deliveries = network
    ? await notifyMembers(
        tx,
        ctx.mailer,
        network,
        "refer:application:any",
        {
          title: `A project handed back ${c.reference}`,
          body: `The project handed back the case ${c.reference}. The reason given: ${reason}`,
          link: `/referrals/${c.applicationId}`,
        },
        ctx.publicUrl,
      )
    : [];
  return { deliveries };
}

/**
 * The network withdraws a referral from a project, with its reasons: the project's case is
 * marked withdrawn (its file stays with the project, closed) and the application awaits
 * referral again.
 */
export async function withdrawReferral(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  caseId: string,
  reason: string,
): Promise<{ deliveries: (() => Promise<void>)[] }> {
  requireRefer(acting);
  const c = await lockCase(tx, caseId);
  requireActiveCase(c);
  if (!reason.trim()) throw invalid("Say why the referral is withdrawn.", { field: "reason" });
  await tx
    .update(cases)
    .set({
      stage: "withdrawn",
      endedReason: reason,
      endedAt: new Date(),
      updatedAt: new Date(),
      version: c.version + 1,
    })
    .where(eq(cases.id, caseId));
  await tx
    .update(applications)
    .set({ state: "awaiting_referral", updatedAt: new Date() })
    .where(and(eq(applications.id, c.applicationId), inArray(applications.state, ["referred"])));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.withdrawn",
    entityType: "case",
    entityId: caseId,
    organisationId: c.organisationId,
    reason,
    details: { applicationId: c.applicationId, reference: c.reference },
  });
  const deliveries = await notifyMembers(
    tx,
    ctx.mailer,
    c.organisationId,
    "respond:referral:own",
    {
      title: `The network withdrew ${c.reference}`,
      body: `The network withdrew the referral of ${c.reference} from your project. The reason given: ${reason}`,
      link: `/cases/${caseId}`,
    },
    ctx.publicUrl,
  );
  return { deliveries };
}

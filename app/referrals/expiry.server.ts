import { and, eq, isNull, lt, lte } from "drizzle-orm";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Db } from "~/db/database.server";
import { organisations, referralOffers } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { today } from "~/shared/dates";
import { tellHolders } from "./notify-holders.server";

/** Leads are reminded this many days before an offer lapses. */
export const REMINDER_DAYS = 3;

const SYSTEM = { userId: null, ip: null, requestId: null };

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Run by the housekeeping (as the owner): offers past their expiry lapse and return to the
 * coordinators, who are told; leads are reminded once, REMINDER_DAYS before an offer lapses.
 */
export async function lapseAndRemindOffers(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  day = today(),
): Promise<{ lapsed: number; reminded: number }> {
  const deliveries: (() => Promise<void>)[] = [];
  const result = await db.transaction(async (tx) => {
    const expired = await tx
      .update(referralOffers)
      .set({ status: "lapsed" })
      .where(and(eq(referralOffers.status, "offered"), lt(referralOffers.expiresOn, day)))
      .returning();
    for (const o of expired) {
      await recordAuditEvent(tx, SYSTEM, {
        action: "referral.lapsed",
        entityType: "referral_offer",
        entityId: o.id,
        organisationId: o.organisationId,
        details: { projectId: o.projectId, applicationId: o.applicationId, expiresOn: o.expiresOn },
      });
      const [project] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, o.projectId));
      deliveries.push(
        ...(await tellHolders(
          tx,
          mailer,
          o.organisationId,
          "refer:application:any",
          {
            title: "An offer lapsed without an answer",
            body: `${project?.name ?? "A project"} did not answer an offer by ${o.expiresOn}. The case is back in the referral queue.`,
            link: `/referrals/${o.applicationId}`,
          },
          publicUrl,
        )),
      );
    }
    const due = await tx
      .update(referralOffers)
      .set({ remindedAt: new Date() })
      .where(
        and(
          eq(referralOffers.status, "offered"),
          isNull(referralOffers.remindedAt),
          lte(referralOffers.expiresOn, addDays(day, REMINDER_DAYS)),
        ),
      )
      .returning();
    for (const o of due)
      deliveries.push(
        ...(await tellHolders(
          tx,
          mailer,
          o.projectId,
          "respond:referral:own",
          {
            title: `Reminder: an offer to your project ends on ${o.expiresOn}`,
            body: `The network's offer of a case to your project ends on ${o.expiresOn}. Accept or decline it before then, or it will be offered elsewhere.`,
            link: `/offers/${o.id}`,
          },
          publicUrl,
        )),
      );
    return { lapsed: expired.length, reminded: due.length };
  });
  for (const d of deliveries) await d();
  return result;
}

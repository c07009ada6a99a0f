import { type SQL, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { addDays } from "~/shared/dates";
import { WORK_LIST_SIZE, type WorkList, type WorkListHead, workListOf } from "~/shared/work-list";
import { REMINDER_DAYS } from "./expiry.server";
import { listOffers } from "./list-offers.server";
import { referralItemsSql } from "./list-referral-queue.server";
import { offerProjectIds } from "./project-scope";

type Row = {
  application_id: string;
  reference: string;
  applicant_name: string;
  days_waiting: number | string | null;
  offer_project: string | null;
  offer_expires_on: string | null;
  total: number | string;
};

async function referralWork(
  tx: Queryable,
  today: string,
  where: SQL,
  order: SQL,
  list: WorkListHead,
  detail: (r: Row) => string,
): Promise<WorkList> {
  const rows = await queryRows<Row>(
    tx,
    sql`select i.application_id, i.reference, i.applicant_name, i.days_waiting,
        i.offer_project, i.offer_expires_on, count(*) over () as total
      from ${referralItemsSql(today)} i where ${where}
      order by ${order}, i.reference limit ${WORK_LIST_SIZE}`,
  );
  return workListOf(list, rows[0]?.total ?? 0, rows, (r) => ({
    key: r.application_id,
    label: r.reference,
    href: `/referrals/${r.application_id}`,
    detail: detail(r),
  }));
}

/**
 * What waits for the network's referral coordinators on their home page: eligible cases
 * waiting for an offer, longest waiting first, and open offers that lapse within
 * REMINDER_DAYS, soonest first. Each links to the referral queue's view of the same.
 */
export async function coordinatorWork(
  tx: Queryable,
  acting: Acting,
  today: string,
): Promise<WorkList[]> {
  if (!can(acting.viewer, "refer:application:any")) return [];
  return [
    await referralWork(
      tx,
      today,
      sql`i.view = 'waiting'`,
      sql`i.days_waiting desc nulls last`,
      {
        key: "awaiting-referral",
        title: "Cases awaiting referral",
        queueHref: "/referrals?view=waiting",
        queueLabel: "All cases waiting for an offer",
        none: "No eligible case is waiting for an offer.",
      },
      (r) =>
        `${r.applicant_name}${r.days_waiting === null ? "" : `, waiting ${toInt(r.days_waiting)} days`}`,
    ),
    await referralWork(
      tx,
      today,
      sql`i.view = 'offered' and i.offer_expires_on::date <= ${addDays(today, REMINDER_DAYS)}::date`,
      sql`i.offer_expires_on asc`,
      {
        key: "offers-lapsing",
        title: "Offers about to lapse",
        queueHref: "/referrals?view=offered",
        queueLabel: "All open offers",
        none: `No offer lapses in the next ${REMINDER_DAYS} days.`,
      },
      (r) =>
        `${r.applicant_name}, offered to ${r.offer_project ?? "a project"}, lapses ${r.offer_expires_on}`,
    ),
  ];
}

/** For a project's leads: the offers made to their projects that wait for an answer. */
export async function offersWork(tx: Queryable, acting: Acting): Promise<WorkList[]> {
  if (offerProjectIds(acting.viewer).length === 0) return [];
  const { open } = await listOffers(tx, acting);
  const head = {
    key: "offers-to-answer",
    title: "Offers waiting for your answer",
    queueHref: "/offers",
    queueLabel: "All offers",
    none: "No offer waits for your answer.",
  };
  return [
    workListOf(head, open.length, open, (o) => ({
      key: o.id,
      label: o.reference ?? "An offered case",
      href: `/offers/${o.id}`,
      detail: `to ${o.projectName}, answer by ${o.expiresOn}`,
    })),
  ];
}

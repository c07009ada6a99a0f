import { type SQL, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import type { CASE_STAGES } from "~/db/schema/referrals";
import { forbidden } from "~/errors/app-error";
import { today } from "~/shared/dates";
import type { QueueView, ReferralQueueFilters } from "./queue-params";

/** How a case came back from a project, when it did. */
export const RETURNED_STAGES = ["handed_back", "withdrawn", "returned_on_closure"] as const;
export type ReturnedStage = (typeof RETURNED_STAGES)[number];

/** The queue shows at most this many rows; the filters narrow it. */
import { QUEUE_LIMIT } from "./queue-params";

export { QUEUE_LIMIT };

export interface ReferralQueueRow {
  applicationId: string;
  reference: string;
  applicantName: string;
  view: Exclude<QueueView, "all">;
  decidedOn: string | null;
  daysWaiting: number | null;
  jurisdiction: string | null;
  openOffer: { projectName: string; expiresOn: string } | null;
  declinedOffers: number;
  lapsedOffers: number;
  withdrawnOffers: number;
  /** The project that has the case now (referred). */
  withProject: string | null;
  /** Set when the case came back from a project and waits for referral again. */
  returned: { stage: ReturnedStage; projectName: string; on: string | null } | null;
}

interface Row {
  application_id: string;
  reference: string;
  applicant_name: string;
  view: ReferralQueueRow["view"];
  decided_on: string | null;
  days_waiting: number | string | null;
  jurisdiction: string | null;
  offer_project: string | null;
  offer_expires_on: string | null;
  declined: number | string;
  lapsed: number | string;
  withdrawn: number | string;
  case_stage: (typeof CASE_STAGES)[number] | null;
  case_project: string | null;
  case_ended_on: string | null;
}

/**
 * Every application awaiting referral or referred, with its decision, its open offer and
 * earlier ones, and where its latest case at a project stands. Row-level security limits it
 * to what the viewer's network may see.
 */
export function referralItemsSql(day: string): SQL {
  return sql`(
    select a.id as application_id, a.reference, p.full_name as applicant_name,
      case when a.state = 'referred' then 'referred'
           when o.id is not null then 'offered' else 'waiting' end as view,
      (s.decided_at at time zone 'UTC')::date::text as decided_on,
      ${day}::date - (s.decided_at at time zone 'UTC')::date as days_waiting,
      s.jurisdiction,
      op.name as offer_project, o.expires_on::text as offer_expires_on,
      (select count(*) from referral_offers r where r.application_id = a.id and r.status = 'declined') as declined,
      (select count(*) from referral_offers r where r.application_id = a.id and r.status = 'lapsed') as lapsed,
      (select count(*) from referral_offers r where r.application_id = a.id and r.status = 'withdrawn') as withdrawn,
      lc.stage as case_stage, lc.project_name as case_project, lc.ended_on as case_ended_on
    from applications a
    join applicants p on p.id = a.applicant_id
    left join lateral (
      select d.decided_at, d.jurisdiction from assessments d
      where d.application_id = a.id and d.status = 'decided'
      order by d.decided_at desc limit 1
    ) s on true
    left join referral_offers o on o.application_id = a.id and o.status = 'offered'
    left join organisations op on op.id = o.project_id
    left join lateral (
      select c.stage, org.name as project_name, (c.ended_at at time zone 'UTC')::date::text as ended_on
      from cases c join organisations org on org.id = c.organisation_id
      where c.application_id = a.id
      order by c.created_at desc limit 1
    ) lc on true
    where a.state in ('awaiting_referral', 'referred')
  )`;
}

function conditions(f: ReferralQueueFilters): SQL[] {
  const where: SQL[] = [];
  if (f.jurisdiction) where.push(sql`i.jurisdiction = ${f.jurisdiction}`);
  if (f.returned)
    where.push(
      sql`i.view <> 'referred' and i.case_stage in ('handed_back', 'withdrawn', 'returned_on_closure')`,
    );
  return where;
}

const allOf = (c: SQL[]) => (c.length > 0 ? sql.join(c, sql` and `) : sql`true`);

export async function listReferralQueue(
  tx: Queryable,
  acting: Acting,
  filters: ReferralQueueFilters,
): Promise<{ rows: ReferralQueueRow[]; counts: Record<QueueView, number>; truncated: boolean }> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("You do not have access to the referral queue.");
  const day = today();
  const where = conditions(filters);
  const counted = await queryRows<{ view: ReferralQueueRow["view"]; n: number | string }>(
    tx,
    sql`select i.view, count(*) as n from ${referralItemsSql(day)} i where ${allOf(where)} group by i.view`,
  );
  const counts: Record<QueueView, number> = { waiting: 0, offered: 0, referred: 0, all: 0 };
  for (const c of counted) {
    counts[c.view] = toInt(c.n);
    counts.all += toInt(c.n);
  }
  if (filters.view !== "all") where.push(sql`i.view = ${filters.view}`);
  const rows = await queryRows<Row>(
    tx,
    sql`select i.* from ${referralItemsSql(day)} i where ${allOf(where)}
      order by i.days_waiting desc nulls last, i.reference
      limit ${QUEUE_LIMIT + 1}`,
  );
  return {
    rows: rows.slice(0, QUEUE_LIMIT).map(toQueueRow),
    counts,
    truncated: rows.length > QUEUE_LIMIT,
  };
}

function toQueueRow(r: Row): ReferralQueueRow {
  const returned =
    r.view !== "referred" &&
    r.case_stage &&
    (RETURNED_STAGES as readonly string[]).includes(r.case_stage)
      ? {
          stage: r.case_stage as ReturnedStage,
          projectName: r.case_project ?? "",
          on: r.case_ended_on,
        }
      : null;
  return {
    applicationId: r.application_id,
    reference: r.reference,
    applicantName: r.applicant_name,
    view: r.view,
    decidedOn: r.decided_on,
    daysWaiting: r.days_waiting === null ? null : toInt(r.days_waiting),
    jurisdiction: r.jurisdiction,
    openOffer:
      r.offer_project && r.offer_expires_on
        ? { projectName: r.offer_project, expiresOn: r.offer_expires_on }
        : null,
    declinedOffers: toInt(r.declined),
    lapsedOffers: toInt(r.lapsed),
    withdrawnOffers: toInt(r.withdrawn),
    withProject: r.view === "referred" ? r.case_project : null,
    returned,
  };
}

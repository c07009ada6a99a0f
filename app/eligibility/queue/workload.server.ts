import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import { queueItemsSql } from "./queue-sql.server";

export interface AssessorLoad {
  /** Null for open assessments nobody is assigned to. */
  assessorId: string | null;
  name: string | null;
  /** Still able to assess (false: their role or membership has ended since). */
  current: boolean;
  draft: number;
  returned: number;
  inReview: number;
  agreed: number;
  total: number;
}

export interface Workload {
  assessors: AssessorLoad[];
  /** Recommendations waiting for a second reviewer, whoever wrote them. */
  reviewsWaiting: number;
  /** Applications waiting for someone to start their assessment. */
  notStarted: number;
}

type Raw = {
  assessor_id: string | null;
  name: string | null;
  current: boolean | null;
  draft: number | string;
  returned: number | string;
  in_review: number | string;
  agreed: number | string;
};

/**
 * Open assessments per assessor, by status: everyone who can assess now (with nothing open,
 * too, so an idle assessor shows), and anyone else still holding open assessments.
 */
export async function assessorWorkload(
  tx: Queryable,
  acting: Acting,
  today = todayIso(),
): Promise<Workload> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not let you see applications.");
  const raw = await queryRows<Raw>(
    tx,
    sql`with open as (
        select assessor_id, status from assessments where status <> 'decided'
      ), people as (
        select id from app_assessors()
        union
        select assessor_id from open
      )
      select x.id as assessor_id, st.name, (c.id is not null) as current,
        count(o.status) filter (where o.status = 'draft') as draft,
        count(o.status) filter (where o.status = 'returned') as returned,
        count(o.status) filter (where o.status = 'in_review') as in_review,
        count(o.status) filter (where o.status = 'agreed') as agreed
      from people x
      left join open o on o.assessor_id is not distinct from x.id
      left join app_application_staff() st on st.id = x.id
      left join app_assessors() c on c.id = x.id
      group by x.id, st.name, c.id
      order by x.id is null, st.name nulls last, x.id`,
  );
  const [counts] = await queryRows<{ reviews: number | string; not_started: number | string }>(
    tx,
    sql`select count(*) filter (where i.status = 'in_review') as reviews,
        count(*) filter (where i.status in ('not_started', 'chase_due')) as not_started
      from ${queueItemsSql(today)} i`,
  );
  return {
    assessors: raw.map((r) => {
      const draft = toInt(r.draft);
      const returned = toInt(r.returned);
      const inReview = toInt(r.in_review);
      const agreed = toInt(r.agreed);
      return {
        assessorId: r.assessor_id,
        name: r.name,
        current: Boolean(r.current),
        draft,
        returned,
        inReview,
        agreed,
        total: draft + returned + inReview + agreed,
      };
    }),
    reviewsWaiting: toInt(counts?.reviews ?? 0),
    notStarted: toInt(counts?.not_started ?? 0),
  };
}

import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { RECOMMENDATIONS } from "~/db/schema/eligibility";
import { forbidden } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import { queueItemsSql, urgentSql } from "../queue/queue-sql.server";
import type { Recommendation } from "../rules";
import type { Period } from "./dashboard-params";

export type OutcomeCounts = Record<Recommendation, number>;

export interface MonthFigures extends OutcomeCounts {
  /** YYYY-MM */
  month: string;
}

export interface EligibilityFigures {
  period: Period;
  /** Applications received in the period (entry finished). */
  received: number;
  /** Decisions recorded in the period, of any outcome. */
  decisions: number;
  outcomes: OutcomeCounts;
  /** Eligible of the eligibility decisions (eligible or ineligible), 0–1; null with none. */
  eligibleRate: number | null;
  /** Median days from receipt to an eligibility decision; null with none. */
  medianDays: number | null;
  /** Ineligible decisions by reason; one decision may give several reasons. */
  reasons: { key: string; label: string; count: number }[];
  /** Now, whatever the period: recommendations waiting for a second reviewer. */
  pendingReviews: number;
  /** Now: urgent applications in the assessment queue. */
  urgentWaiting: number;
  months: MonthFigures[];
}

type Counts = Record<Recommendation, number | string>;

/**
 * The eligibility figures for a period, all computed in SQL: what was received, what was
 * decided (by the day the decision was recorded, in UTC like the rest of Clearname's dates),
 * how, why, and how long it took. Row-level security limits them to what the viewer may see.
 */
export async function getEligibilityFigures(
  tx: Queryable,
  acting: Acting,
  period: Period,
  today = todayIso(),
): Promise<EligibilityFigures> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not let you see applications.");
  const decided = sql`(
    select s.id, s.recommendation, s.ineligible_reasons, a.received_on,
      (s.decided_at at time zone 'UTC')::date as decided_on
    from assessments s join applications a on a.id = s.application_id
    where s.status = 'decided'
      and s.decided_at >= (${period.from}::date)::timestamp at time zone 'UTC'
      and s.decided_at < (${period.to}::date + 1)::timestamp at time zone 'UTC'
  )`;
  const outcomeColumns = sql.join(
    RECOMMENDATIONS.map(
      (r) => sql`count(d.id) filter (where d.recommendation = ${r}) as ${sql.identifier(r)}`,
    ),
    sql`, `,
  );

  const [summary] = await queryRows<
    Counts & { decisions: number | string; median_days: number | string | null }
  >(
    tx,
    sql`select count(d.id) as decisions, ${outcomeColumns},
        percentile_cont(0.5) within group (order by d.decided_on - d.received_on)
          filter (where d.recommendation in ('eligible', 'ineligible')) as median_days
      from ${decided} d`,
  );
  const [received] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from applications a
      where not a.is_draft and a.received_on between ${period.from}::date and ${period.to}::date`,
  );
  const reasons = await queryRows<{ key: string; label: string | null; n: number | string }>(
    tx,
    sql`select r.key, ir.label, count(*) as n
      from ${decided} d
      cross join lateral unnest(d.ineligible_reasons) as r(key)
      left join ineligibility_reasons ir on ir.key = r.key
      where d.recommendation = 'ineligible'
      group by r.key, ir.label, ir.position
      order by n desc, ir.position nulls last, r.key`,
  );
  const months = await queryRows<Counts & { month: string }>(
    tx,
    sql`select to_char(m.month, 'YYYY-MM') as month, ${outcomeColumns}
      from generate_series(date_trunc('month', ${period.from}::timestamp),
        date_trunc('month', ${period.to}::timestamp), interval '1 month') as m(month)
      left join ${decided} d on date_trunc('month', d.decided_on::timestamp) = m.month
      group by m.month
      order by m.month`,
  );
  const [now] = await queryRows<{ reviews: number | string; urgent: number | string }>(
    tx,
    sql`select count(*) filter (where i.status = 'in_review') as reviews,
        count(*) filter (where ${urgentSql(today)}) as urgent
      from ${queueItemsSql(today)} i`,
  );

  const outcomes = countsOf(summary);
  const decidedOnEligibility = outcomes.eligible + outcomes.ineligible;
  return {
    period,
    received: toInt(received?.n ?? 0),
    decisions: toInt(summary?.decisions ?? 0),
    outcomes,
    eligibleRate: decidedOnEligibility > 0 ? outcomes.eligible / decidedOnEligibility : null,
    medianDays:
      summary?.median_days === null || summary?.median_days === undefined
        ? null
        : Number(summary.median_days),
    reasons: reasons.map((r) => ({ key: r.key, label: r.label ?? r.key, count: toInt(r.n) })),
    pendingReviews: toInt(now?.reviews ?? 0),
    urgentWaiting: toInt(now?.urgent ?? 0),
    months: months.map((m) => ({ month: m.month, ...countsOf(m) })),
  };
}

function countsOf(row: Partial<Counts> | undefined): OutcomeCounts {
  return Object.fromEntries(RECOMMENDATIONS.map((r) => [r, toInt(row?.[r] ?? 0)])) as OutcomeCounts;
}

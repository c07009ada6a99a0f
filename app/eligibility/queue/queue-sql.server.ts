import { type SQL, sql } from "drizzle-orm";
import { APPEAL_WINDOW_DAYS } from "../rules";
import type { AssessmentQueueFilters } from "./queue-params";

/*
 * The SQL pieces of the assessment queue. The queue is every open assessment, plus each
 * application waiting for one: ready for assessment, or awaiting information whose chase
 * date has passed. It holds thousands of rows, not millions, so a page is an OFFSET into one
 * sorted list rather than a keyset like the intake queue's.
 */

/**
 * The queue's items (alias them `i`): one per application, with the open assessment's
 * answers where there is one. The second branch reads applications_queue_idx by state and
 * probes assessments_one_open_key for each.
 *
 * An application's conviction date comes from `applications.conviction_date`, the typed copy
 * of the questionnaire's `convictionDate` that every writer of the questionnaire keeps.
 */
export function queueItemsSql(today: string): SQL {
  return sql`(
    select s.application_id, s.id as assessment_id, s.status, s.assessor_id, s.jurisdiction,
      s.offence_type, s.flags, s.conviction_date, s.sentence_date
    from assessments s
    where s.status <> 'decided'
    union all
    select a.id, null::uuid,
      case when a.state = 'ready_for_assessment' then 'not_started' else 'chase_due' end,
      null::uuid, null::text, null::text, '{}'::text[], a.conviction_date, null::date
    from applications a
    where not a.is_draft
      and (a.state = 'ready_for_assessment'
        or (a.state = 'awaiting_information' and a.chase_on < ${today}::date))
      and not exists (
        select 1 from assessments o where o.application_id = a.id and o.status <> 'decided')
  )`;
}

/**
 * Urgent, as rules.isUrgent decides it (the tests hold the two together): flagged with the
 * appeal window open, or convicted or sentenced within the last 28 days.
 */
export function urgentSql(today: string): SQL {
  return sql`coalesce('appeal_window_open' = any(i.flags)
    or greatest(i.conviction_date, i.sentence_date) >= ${today}::date - ${APPEAL_WINDOW_DAYS}::int, false)`;
}

/** The filters, on the items `i` and their applications `a`. */
export function queueConditions(f: AssessmentQueueFilters, today: string): SQL[] {
  const where: SQL[] = [];
  if (f.urgent) where.push(urgentSql(today));
  if (f.olderThanDays !== undefined)
    where.push(sql`a.received_on < ${today}::date - ${f.olderThanDays}::int`);
  if (f.assignee === "none") where.push(sql`i.assessor_id is null`);
  else if (f.assignee) where.push(sql`i.assessor_id = ${f.assignee}::uuid`);
  if (f.jurisdiction) where.push(sql`i.jurisdiction = ${f.jurisdiction}`);
  if (f.offenceType) where.push(sql`i.offence_type = ${f.offenceType}`);
  if (f.reviewNeeded) where.push(sql`i.status = 'in_review'`);
  if (f.status) where.push(sql`i.status = ${f.status}`);
  return where;
}

export function allOf(conditions: SQL[]): SQL {
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

import { type SQL, sql } from "drizzle-orm";
import type { QueueCursor, QueueFilters, QueueSort } from "./queue-params";
import { pgArray, type SearchHits } from "./search.server";

/*
 * The SQL pieces of the queue, written for the indexes on `applications` (alias `a`):
 * - applications_queue_idx (state, received_on desc, id): a state filter, newest or oldest first;
 * - applications_received_idx (received_on desc, id): no state, newest or oldest first, and
 *   the received date range as an index range;
 * - applications_assignee_idx (assignee_id, state): an assignee, or nobody (IS NULL);
 * - applications_applicant_idx (applicant_id): search hits, establishment, duplicates.
 * ORDER BY spells out NULLS LAST/FIRST to match the indexes exactly (received_on is never
 * null, but the planner only uses an index whose null ordering matches the query's).
 * Every comparison on `a` uses leakproof operators (=, <, >, IS NULL, = ANY), so the planner
 * may use them as index conditions under row-level security; LIKE and trigram operators are
 * not leakproof and are kept out of this query (see search.server.ts).
 */

/** Open and not yet acknowledged, past the day it was due. */
export function overdueSql(today: string): SQL {
  return sql`(a.acknowledged_on is null and a.state in ('received', 'acknowledged', 'awaiting_information', 'ready_for_assessment')
    and a.acknowledgement_due_on < ${today}::date)`;
}

/**
 * "Has a likely duplicate": the applicant has another application, or another (unmerged)
 * applicant has the same prisoner number. Two indexed probes per row (applications_applicant_idx,
 * applicants_prisoner_number_idx): cheap on a page, but counting through it reads many rows.
 * Migration 0009 keeps this as a column, `applications.likely_duplicate`
 * (by trigger, with partial indexes); with it this becomes `a.likely_duplicate`. Similar names
 * are left to the matches page: a trigram probe per row is too dear for a filter.
 */
export const likelyDuplicateSql = sql`a.likely_duplicate`;

/**
 * The earlier application this one re-applies after, joined to each row of a page (LATERAL,
 * so 51 small indexed lookups): the one it was linked to as a re-application, or else the
 * applicant's latest application received before it.
 */
export const earlierApplicationSql = sql`left join lateral (
  select x.reference, x.state, x.closed_reason from (
    (select 0 as k, o.reference, o.state, o.closed_reason, o.received_on, o.created_at
      from application_links l join applications o on o.id = l.linked_application_id
      where l.application_id = a.id and l.kind = 're_application'
      order by o.received_on desc, o.created_at desc limit 1)
    union all
    (select 1, o.reference, o.state, o.closed_reason, o.received_on, o.created_at
      from applications o
      where o.applicant_id = a.applicant_id and o.id <> a.id
        and (o.received_on < a.received_on or (o.received_on = a.received_on and o.created_at < a.created_at))
      order by o.received_on desc, o.created_at desc limit 1)
  ) x order by x.k limit 1
) r on true`;

/** Every filter except the state, which the counts per state leave out. */
export function filterConditions(f: QueueFilters, hits: SearchHits | null, today: string): SQL[] {
  const where: SQL[] = [];
  if (f.channel) where.push(sql`a.channel = ${f.channel}`);
  if (f.receivedFrom) where.push(sql`a.received_on >= ${f.receivedFrom}::date`);
  if (f.receivedTo) where.push(sql`a.received_on <= ${f.receivedTo}::date`);
  if (f.establishmentId) {
    // The applicant's current establishment. Needs applicants (current_establishment_id),
    // proposed with the queue, to stay fast on a large register.
    where.push(sql`a.applicant_id in (
      select p.id from applicants p where p.current_establishment_id = ${f.establishmentId}::uuid)`);
  }
  if (f.assignee === "none") where.push(sql`a.assignee_id is null`);
  else if (f.assignee) where.push(sql`a.assignee_id = ${f.assignee}::uuid`);
  if (f.overdue) where.push(overdueSql(today));
  if (f.likelyDuplicate) where.push(likelyDuplicateSql);
  if (f.draft) where.push(sql`a.is_draft`);
  if (hits) {
    where.push(sql`a.id = any(${pgArray(hits.applicationIds)}::uuid[])`);
  }
  return where;
}

export function and(conditions: SQL[]): SQL {
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

interface SortSpec {
  column: "received_on" | "acknowledgement_due_on";
  /** The column's direction when paging forwards. */
  descending: boolean;
  /** The id's direction when paging forwards (the tie-break). */
  idDescending: boolean;
  /** NULLS as the index stores them, for ascending and descending scans. */
  nullsAscending: "nulls first" | "nulls last";
  nullsDescending: "nulls first" | "nulls last";
}

const SORT_SPECS: Record<QueueSort, SortSpec> = {
  // applications_received_idx / applications_queue_idx read forwards.
  received_desc: {
    column: "received_on",
    descending: true,
    idDescending: false,
    nullsAscending: "nulls first",
    nullsDescending: "nulls last",
  },
  // The same indexes read backwards.
  received_asc: {
    column: "received_on",
    descending: false,
    idDescending: true,
    nullsAscending: "nulls first",
    nullsDescending: "nulls last",
  },
  // Wants applications (acknowledgement_due_on, id) and (state, acknowledgement_due_on, id) at
  // scale (proposed with the queue); without them PostgreSQL sorts every row that matches.
  due_asc: {
    column: "acknowledgement_due_on",
    descending: false,
    idDescending: false,
    nullsAscending: "nulls last",
    nullsDescending: "nulls first",
  },
};

export function sortKeyColumn(sort: QueueSort): SortSpec["column"] {
  return SORT_SPECS[sort].column;
}

/**
 * ORDER BY and the keyset condition for a page. Paging backwards (Previous) reads the same
 * index the other way and the caller reverses the rows. The condition is written as
 * `col <= k and (col < k or id > i)` rather than a row comparison, because the directions of
 * the column and the id differ; its first half is an index range, so a page far into the
 * queue costs the same as the first.
 */
export function pageOrder(
  sort: QueueSort,
  cursor: QueueCursor | undefined,
  backwards: boolean,
): { orderBy: SQL; seek: SQL | null } {
  const s = SORT_SPECS[sort];
  const desc = s.descending !== backwards;
  const idDesc = s.idDescending !== backwards;
  const col = sql.raw(`a.${s.column}`);
  const orderBy = sql.raw(
    `a.${s.column} ${desc ? `desc ${s.nullsDescending}` : `asc ${s.nullsAscending}`}, a.id ${idDesc ? "desc" : "asc"}`,
  );
  if (!cursor) return { orderBy, seek: null };
  const past = sql.raw(desc ? "<" : ">");
  const pastOrAt = sql.raw(desc ? "<=" : ">=");
  const idPast = sql.raw(idDesc ? "<" : ">");
  const seek = sql`(${col} ${pastOrAt} ${cursor.key}::date and (${col} ${past} ${cursor.key}::date or a.id ${idPast} ${cursor.id}::uuid))`;
  return { orderBy, seek };
}

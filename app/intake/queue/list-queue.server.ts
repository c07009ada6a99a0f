import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import { type ApplicationState, type ClosedReason, STATE_LABELS } from "../transitions";
import { countByState } from "./count-by-state.server";
import { type Count, type StateCounts, sumCounts } from "./counts";
import { type Channel, PAGE_SIZE, type QueueCursor, type QueueRequest } from "./queue-params";
import {
  and,
  earlierApplicationSql,
  filterConditions,
  likelyDuplicateSql,
  overdueSql,
  pageOrder,
  sortKeyColumn,
} from "./queue-sql.server";
import { pgArray, type SearchHits, searchQueue } from "./search.server";

const STATES = Object.keys(STATE_LABELS) as ApplicationState[];

export interface QueueRow {
  id: string;
  reference: string;
  applicantId: string;
  applicantName: string;
  prisonerNumber: string | null;
  establishmentName: string | null;
  channel: Channel;
  state: ApplicationState;
  closedReason: ClosedReason | null;
  receivedOn: string;
  acknowledgementDueOn: string;
  acknowledgedOn: string | null;
  overdue: boolean;
  assigneeId: string | null;
  /** Null when nobody is assigned, or the assignee is someone the viewer may not look up. */
  assigneeName: string | null;
  /** Entry incomplete: the questionnaire is still being entered. */
  isDraft: boolean;
  /** What this re-applies after, and what became of it; null for a first application. */
  earlier: { reference: string; state: ApplicationState; closedReason: ClosedReason | null } | null;
  likelyDuplicate: boolean;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Applications matching every filter; null when counting took too long. */
  total: Count | null;
  /** Per state, for every filter but the state; null when counting took too long. */
  counts: StateCounts | null;
  page: number;
  previous: QueueCursor | null;
  next: QueueCursor | null;
  search: Pick<SearchHits, "truncated" | "fuzzy" | "unusable" | "inScans"> | null;
}

type Raw = {
  id: string;
  reference: string;
  applicant_id: string;
  full_name: string;
  prisoner_number: string | null;
  establishment_name: string | null;
  channel: Channel;
  state: ApplicationState;
  closed_reason: ClosedReason | null;
  received_on: string;
  due_on: string;
  acknowledged_on: string | null;
  overdue: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  is_draft: boolean;
  earlier_reference: string | null;
  earlier_state: ApplicationState | null;
  earlier_closed_reason: ClosedReason | null;
  likely_duplicate: boolean;
};

/**
 * One page of the intake queue (PAGE_SIZE rows, keyset-paginated on the sort key and id),
 * with the number matching and the counts per state. Row-level security limits it to what
 * the viewer may see; the permission is checked here too so the page can say why.
 *
 * PERFORMANCE: the policies on applications and applicants call app_has_permission() once
 * per row (15-40 µs each), which no query shape avoids: a capped count of 10,000 rows costs
 * 200-400 ms. The migration proposed with the queue makes them compare organisation_id with
 * an array computed once per statement; the queue then meets its targets at 1,000,000 rows.
 */
export async function listQueue(
  tx: Queryable,
  acting: Acting,
  request: QueueRequest,
): Promise<QueuePage> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not let you see applications.");
  const f = request.filters;
  const sort = f.sort ?? "received_desc";
  const today = todayIso();
  const hits = f.q ? await searchQueue(tx, f.q) : null;
  const base = filterConditions(f, hits, today);
  const backwards = !request.after && Boolean(request.before);
  const { orderBy, seek } = pageOrder(sort, request.after ?? request.before, backwards);
  const where = [...base];
  if (f.state) where.push(sql`a.state = ${f.state}`);
  if (seek) where.push(seek);

  const raw = await queryRows<Raw>(
    tx,
    sql`select a.id, a.reference, a.applicant_id, p.full_name, p.prisoner_number,
        e.name as establishment_name, a.channel, a.state, a.closed_reason,
        a.received_on::text as received_on, a.acknowledgement_due_on::text as due_on,
        a.acknowledged_on::text as acknowledged_on, ${overdueSql(today)} as overdue,
        a.assignee_id, u.name as assignee_name, a.is_draft,
        r.reference as earlier_reference, r.state as earlier_state,
        r.closed_reason as earlier_closed_reason, ${likelyDuplicateSql} as likely_duplicate
      from (
        -- The page is chosen on applications alone, so that the details below are joined
        -- to its 51 rows only, not to every row a filter matches before the sort.
        -- A search has found its applications already: they are looked up by id and sorted,
        -- never found by walking the whole register in page order.
        select a.* from ${
          hits
            ? sql`unnest(${pgArray(hits.applicationIds)}::uuid[]) as hit(id) join applications a on a.id = hit.id`
            : sql`applications a`
        } where ${and(where)} order by ${orderBy} limit ${PAGE_SIZE + 1}
      ) a
      join applicants p on p.id = a.applicant_id
      left join establishments e on e.id = p.current_establishment_id
      left join app_application_staff() u on u.id = a.assignee_id
      ${earlierApplicationSql}
      order by ${orderBy}`,
  );
  const more = raw.length > PAGE_SIZE;
  const pageRaw = raw.slice(0, PAGE_SIZE);
  if (backwards) pageRaw.reverse();
  const rows = pageRaw.map(toRow);
  const keyOf = (r: QueueRow): QueueCursor => ({
    key: sortKeyColumn(sort) === "received_on" ? r.receivedOn : r.acknowledgementDueOn,
    id: r.id,
  });
  const first = rows[0];
  const last = rows.at(-1);
  const hasPrevious = backwards ? more : Boolean(request.after);
  const hasNext = backwards ? Boolean(request.before) : more;

  // Only open applications can be overdue: the other states need not be read to count them.
  const impossible = new Set<ApplicationState>(
    f.overdue ? ["under_assessment", "awaiting_referral", "referred", "closed"] : [],
  );
  const counts = await countByState(tx, STATES, base, impossible);
  const total = counts ? (f.state ? counts[f.state] : sumCounts(Object.values(counts))) : null;
  return {
    rows,
    total,
    counts,
    page: first ? request.page : 1,
    previous: hasPrevious && first ? keyOf(first) : null,
    next: hasNext && last ? keyOf(last) : null,
    search: hits
      ? {
          truncated: hits.truncated,
          fuzzy: hits.fuzzy,
          unusable: hits.unusable,
          inScans: hits.inScans,
        }
      : null,
  };
}

function toRow(r: Raw): QueueRow {
  return {
    id: r.id,
    reference: r.reference,
    applicantId: r.applicant_id,
    applicantName: r.full_name,
    prisonerNumber: r.prisoner_number,
    establishmentName: r.establishment_name,
    channel: r.channel,
    state: r.state,
    closedReason: r.closed_reason,
    receivedOn: r.received_on,
    acknowledgementDueOn: r.due_on,
    acknowledgedOn: r.acknowledged_on,
    overdue: Boolean(r.overdue),
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    isDraft: Boolean(r.is_draft),
    earlier:
      r.earlier_reference && r.earlier_state
        ? {
            reference: r.earlier_reference,
            state: r.earlier_state,
            closedReason: r.earlier_closed_reason,
          }
        : null,
    likelyDuplicate: Boolean(r.likely_duplicate),
  };
}

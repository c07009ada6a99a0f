import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import type { OffenceType } from "../schemas";
import {
  type AssessmentQueueRequest,
  type Jurisdiction,
  PAGE_SIZE,
  type QueueStatus,
} from "./queue-params";
import { allOf, queueConditions, queueItemsSql, urgentSql } from "./queue-sql.server";

export interface AssessmentQueueRow {
  applicationId: string;
  reference: string;
  applicantName: string;
  receivedOn: string;
  /** Whole days since it was received. */
  ageDays: number;
  urgent: boolean;
  status: QueueStatus;
  /** The open assessment, or null when nobody has started one. */
  assessmentId: string | null;
  assessorId: string | null;
  /** Null when nobody is assessing it, or the assessor is someone the viewer may not look up. */
  assessorName: string | null;
  jurisdiction: Jurisdiction | null;
  offenceType: OffenceType | null;
  /** Waiting for a second reviewer. */
  reviewNeeded: boolean;
  flags: string[];
  convictionDate: string | null;
  sentenceDate: string | null;
}

export interface AssessmentQueuePage {
  rows: AssessmentQueueRow[];
  /** Items matching every filter. */
  total: number;
  page: number;
  pages: number;
}

type Raw = {
  application_id: string;
  reference: string;
  full_name: string;
  received_on: string;
  age_days: number | string;
  urgent: boolean;
  status: QueueStatus;
  assessment_id: string | null;
  assessor_id: string | null;
  assessor_name: string | null;
  jurisdiction: Jurisdiction | null;
  offence_type: OffenceType | null;
  flags: string[] | string | null;
  conviction_date: string | null;
  sentence_date: string | null;
};

/**
 * One page of the assessment queue: urgent items first, always, then the oldest received
 * first. Row-level security limits it to what the viewer may see; the permission is checked
 * here too so the page can say why.
 */
export async function listAssessmentQueue(
  tx: Queryable,
  acting: Acting,
  request: AssessmentQueueRequest,
  today = todayIso(),
): Promise<AssessmentQueuePage> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not let you see applications.");
  const where = allOf(queueConditions(request.filters, today));
  const [counted] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from ${queueItemsSql(today)} i
      join applications a on a.id = i.application_id
      where ${where}`,
  );
  const total = toInt(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(request.page, pages);
  const raw = await queryRows<Raw>(
    tx,
    sql`select i.application_id, a.reference, p.full_name, a.received_on::text as received_on,
        (${today}::date - a.received_on) as age_days, ${urgentSql(today)} as urgent,
        i.status, i.assessment_id, i.assessor_id, u.name as assessor_name, i.jurisdiction,
        i.offence_type, i.flags, i.conviction_date::text as conviction_date,
        i.sentence_date::text as sentence_date
      from ${queueItemsSql(today)} i
      join applications a on a.id = i.application_id
      join applicants p on p.id = a.applicant_id
      left join app_application_staff() u on u.id = i.assessor_id
      where ${where}
      order by urgent desc, a.received_on asc, a.id asc
      limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`,
  );
  return { rows: raw.map(toRow), total, page, pages };
}

/** node-postgres returns text[] as an array; PGlite too, but be lenient about `{a,b}`. */
function asArray(v: string[] | string | null): string[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string" && v.length > 2) return v.slice(1, -1).split(",");
  return [];
}

function toRow(r: Raw): AssessmentQueueRow {
  return {
    applicationId: r.application_id,
    reference: r.reference,
    applicantName: r.full_name,
    receivedOn: r.received_on,
    ageDays: toInt(r.age_days),
    urgent: Boolean(r.urgent),
    status: r.status,
    assessmentId: r.assessment_id,
    assessorId: r.assessor_id,
    assessorName: r.assessor_name,
    jurisdiction: r.jurisdiction,
    offenceType: r.offence_type,
    reviewNeeded: r.status === "in_review",
    flags: asArray(r.flags),
    convictionDate: r.conviction_date,
    sentenceDate: r.sentence_date,
  };
}

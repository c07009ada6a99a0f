import { sql } from "drizzle-orm";
import { queryRows, type Tx, toInt } from "~/db/database.server";
import type { RecordClass } from "~/db/schema/data-protection";
import type { RecordLineage } from "./rules";

/** A record found due: its id, the day its period is counted from, and what sits above it. */
export interface DueRecord {
  entityType: "application" | "case" | "application_draft" | "import_run" | "document" | "user";
  entityId: string;
  from: string;
  lineage: RecordLineage;
}

type Row = {
  id: string;
  from_day: string;
  applicant_id?: string | null;
  application_id?: string | null;
  case_ids?: string[] | string | null;
};

const none: RecordLineage = { applicantIds: [], applicationIds: [], caseIds: [] };

function caseIdsOf(value: Row["case_ids"]): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.filter(Boolean);
  // node-postgres returns uuid[] as its text form when aggregated: {a,b}
  return value.replace(/[{}]/g, "").split(",").filter(Boolean);
}

function lineageOf(r: Row): RecordLineage {
  return {
    applicantIds: r.applicant_id ? [r.applicant_id] : [],
    applicationIds: r.application_id ? [r.application_id] : [],
    caseIds: caseIdsOf(r.case_ids),
  };
}

/** Closed applications of the organisation closed for `reason` on or before `latest`. */
function closedApplications(organisationId: string, reason: string, latest: string, extra = sql``) {
  return sql`select a.id, to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD') as from_day,
      a.applicant_id, a.id as application_id,
      array(select c.id::text from cases c where c.application_id = a.id) as case_ids
    from applications a
    where a.organisation_id = ${organisationId} and a.state = 'closed'
      and a.closed_reason = ${reason}
      and (a.updated_at at time zone 'UTC')::date <= ${latest}::date ${extra}
    order by a.updated_at, a.id`;
}

/**
 * The organisation's records of a class whose period has run out by the day `latest` is
 * counted from, oldest first. Reads past row-level security: run with owner rights.
 *
 * An application's period counts from its last change once closed (`updated_at`): the close
 * is its last change unless someone touched it later, which only makes it later, never early.
 */
export async function findDueRecords(
  tx: Tx,
  organisationId: string,
  recordClass: RecordClass,
  latest: string,
): Promise<DueRecord[]> {
  const as = (entityType: DueRecord["entityType"], rows: Row[], withLineage = false) =>
    rows.map((r) => ({
      entityType,
      entityId: r.id,
      from: r.from_day,
      lineage: withLineage ? lineageOf(r) : none,
    }));
  switch (recordClass) {
    case "withdrawn_application":
      return as(
        "application",
        await queryRows<Row>(tx, closedApplications(organisationId, "withdrawn", latest)),
        true,
      );
    case "ineligible_application":
      return as(
        "application",
        await queryRows<Row>(
          tx,
          closedApplications(
            organisationId,
            "ineligible",
            latest,
            sql`and not (a.questionnaire ? 'anonymisedOn')`,
          ),
        ),
        true,
      );
    case "closed_case":
      return as(
        "case",
        await queryRows<Row>(
          tx,
          sql`select c.id, to_char(c.ended_at at time zone 'UTC', 'YYYY-MM-DD') as from_day,
                a.applicant_id, c.application_id, array[c.id::text] as case_ids
              from cases c join applications a on a.id = c.application_id
              where c.organisation_id = ${organisationId} and c.ended_at is not null
                and (c.ended_at at time zone 'UTC')::date <= ${latest}::date
              order by c.ended_at, c.id`,
        ),
        true,
      );
    case "abandoned_draft":
      return as(
        "application_draft",
        await queryRows<Row>(
          tx,
          sql`select d.id, to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD') as from_day
              from application_drafts d
              where d.submitted_application_id is null
                and (d.updated_at at time zone 'UTC')::date <= ${latest}::date
              order by d.updated_at, d.id`,
        ),
      );
    case "import_file":
      return as(
        "import_run",
        await queryRows<Row>(
          tx,
          sql`select r.id, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD') as from_day
              from import_runs r
              where r.status in ('done', 'failed')
                and (r.created_at at time zone 'UTC')::date <= ${latest}::date
              order by r.created_at, r.id`,
        ),
      );
    case "letter":
      return as(
        "document",
        await queryRows<Row>(
          tx,
          sql`select d.id, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD') as from_day,
                a.applicant_id, d.application_id, null as case_ids
              from documents d join applications a on a.id = d.application_id
              where a.organisation_id = ${organisationId} and d.kind in ('letter_out', 'letter_in')
                and (d.created_at at time zone 'UTC')::date <= ${latest}::date
              order by d.created_at, d.id`,
        ),
        true,
      );
    case "former_member_account":
      return as(
        "user",
        await queryRows<Row>(
          tx,
          sql`select u.id, max(m.ends_on)::text as from_day
              from users u join memberships m on m.user_id = u.id
              where u.email not like 'former-member-%'
              group by u.id
              having bool_and(m.ends_on is not null) and max(m.ends_on) <= ${latest}::date
              order by 2, 1`,
        ),
      );
    case "audit_event":
      return [];
  }
}

/** Audit events of the organisation recorded on or before `latest`: counted, never listed. */
export async function countDueAuditEvents(tx: Tx, organisationId: string, latest: string) {
  const [row] = await queryRows<{ n: unknown }>(
    tx,
    sql`select count(*) as n from audit_events
        where organisation_id = ${organisationId}
          and (occurred_at at time zone 'UTC')::date <= ${latest}::date`,
  );
  return toInt(row?.n ?? 0);
}

import { type SQL, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows } from "~/db/database.server";
import { WORK_LIST_SIZE, type WorkList, type WorkListHead, workListOf } from "~/shared/work-list";
import { assessmentQueueSearch, QUEUE_STATUS_LABELS, type QueueStatus } from "./queue-params";
import { queueItemsSql, urgentSql } from "./queue-sql.server";

type Row = {
  application_id: string;
  assessment_id: string | null;
  reference: string;
  full_name: string;
  status: QueueStatus;
  urgent: boolean;
  total: number | string;
};

/** The assessment queue's items matching `where`, urgent and oldest first, with their count. */
async function queueWork(
  tx: Queryable,
  today: string,
  where: SQL,
  list: WorkListHead,
): Promise<WorkList> {
  const rows = await queryRows<Row>(
    tx,
    sql`select i.application_id, i.assessment_id, a.reference, p.full_name, i.status,
        ${urgentSql(today)} as urgent, count(*) over () as total
      from ${queueItemsSql(today)} i
      join applications a on a.id = i.application_id
      join applicants p on p.id = a.applicant_id
      where ${where}
      order by urgent desc, a.received_on asc, a.id asc
      limit ${WORK_LIST_SIZE}`,
  );
  return workListOf(list, rows[0]?.total ?? 0, rows, (r) => ({
    key: r.application_id,
    label: r.reference,
    href: r.assessment_id ? `/assessments/${r.assessment_id}` : `/applications/${r.application_id}`,
    detail: `${r.full_name}, ${QUEUE_STATUS_LABELS[r.status].toLowerCase()}${r.urgent ? ", urgent" : ""}`,
  }));
}

/**
 * What waits for an assessor on their home page: the open assessments in their name, and the
 * recommendations of others waiting for a second reviewer (no one reviews their own). Each
 * links to the assessment queue filtered the same way.
 */
export async function assessorWork(
  tx: Queryable,
  acting: Acting,
  today: string,
): Promise<WorkList[]> {
  if (!can(acting.viewer, "assess:application:any")) return [];
  const me = acting.viewer.id;
  return [
    await queueWork(tx, today, sql`i.assessor_id = ${me}::uuid`, {
      key: "my-assessments",
      title: "Your assessments",
      queueHref: `/assessments${assessmentQueueSearch({ assignee: me })}`,
      queueLabel: "All your assessments in the queue",
      none: "No assessment is in your name.",
    }),
    await queueWork(
      tx,
      today,
      sql`i.status = 'in_review' and i.assessor_id is distinct from ${me}::uuid`,
      {
        key: "reviews-waiting",
        title: "Recommendations to review",
        queueHref: `/assessments${assessmentQueueSearch({ reviewNeeded: true })}`,
        queueLabel: "All recommendations waiting for review",
        none: "No recommendation of another assessor waits for review.",
      },
    ),
  ];
}

import { and, asc, count, eq, gte, inArray, isNull, lt, lte, type SQL } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { applicants, applications } from "~/db/schema";
import { addDays } from "~/shared/dates";
import { WORK_LIST_SIZE, type WorkList, type WorkListHead, workListOf } from "~/shared/work-list";
import { queueSearch } from "./queue-params";

/** An acknowledgement due within this many days is listed as due. */
export const ACKNOWLEDGEMENT_DUE_DAYS = 7;

/** States in which an application may still be waiting for its acknowledgement. */
const OPEN = ["received", "acknowledged", "awaiting_information", "ready_for_assessment"] as const;

async function workList(
  tx: Queryable,
  where: SQL | undefined,
  order: SQL,
  list: WorkListHead,
  detail: (row: { receivedOn: string; dueOn: string; name: string }) => string,
): Promise<WorkList> {
  const [total] = await tx.select({ n: count() }).from(applications).where(where);
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      receivedOn: applications.receivedOn,
      dueOn: applications.acknowledgementDueOn,
      name: applicants.fullName,
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .where(where)
    .orderBy(order, asc(applications.reference))
    .limit(WORK_LIST_SIZE);
  return workListOf(list, total?.n ?? 0, rows, (r) => ({
    key: r.id,
    label: r.reference,
    href: `/applications/${r.id}`,
    detail: detail(r),
  }));
}

/**
 * What waits for intake staff on their home page: new applications, acknowledgements due in
 * the next week and those overdue, and scans whose entry is not finished. Each list links
 * to the intake queue filtered the same way. Nothing for anyone who does not handle intake.
 */
export async function intakeWork(
  tx: Queryable,
  acting: Acting,
  today: string,
): Promise<WorkList[]> {
  if (!can(acting.viewer, "manage:application:any")) return [];
  const filed = eq(applications.isDraft, false);
  const unacknowledged = and(
    filed,
    isNull(applications.acknowledgedOn),
    inArray(applications.state, [...OPEN]),
  );
  return [
    await workList(
      tx,
      and(filed, eq(applications.state, "received")),
      asc(applications.receivedOn),
      {
        key: "new-applications",
        title: "New applications",
        queueHref: `/applications${queueSearch({ state: "received", sort: "received_asc" })}`,
        queueLabel: "All new applications in the queue",
        none: "No new applications.",
      },
      (r) => `${r.name}, received ${r.receivedOn}`,
    ),
    await workList(
      tx,
      and(
        unacknowledged,
        gte(applications.acknowledgementDueOn, today),
        lte(applications.acknowledgementDueOn, addDays(today, ACKNOWLEDGEMENT_DUE_DAYS)),
      ),
      asc(applications.acknowledgementDueOn),
      {
        key: "acknowledgements-due",
        title: "Acknowledgements due this week",
        queueHref: `/applications${queueSearch({ state: "received", sort: "due_asc" })}`,
        queueLabel: "Applications to acknowledge, soonest due first",
        none: "No acknowledgements are due this week.",
      },
      (r) => `${r.name}, acknowledge by ${r.dueOn}`,
    ),
    await workList(
      tx,
      and(unacknowledged, lt(applications.acknowledgementDueOn, today)),
      asc(applications.acknowledgementDueOn),
      {
        key: "acknowledgements-overdue",
        title: "Acknowledgements overdue",
        queueHref: `/applications${queueSearch({ overdue: true, sort: "due_asc" })}`,
        queueLabel: "All overdue acknowledgements in the queue",
        none: "No acknowledgement is overdue.",
      },
      (r) => `${r.name}, was due ${r.dueOn}`,
    ),
    await workList(
      tx,
      eq(applications.isDraft, true),
      asc(applications.receivedOn),
      {
        key: "scans-to-file",
        title: "Scans to file",
        queueHref: `/applications${queueSearch({ draft: true, sort: "received_asc" })}`,
        queueLabel: "All unfinished entries in the queue",
        none: "No postal entry is waiting to be finished.",
      },
      (r) => `${r.name}, received ${r.receivedOn}, entry not finished`,
    ),
  ];
}

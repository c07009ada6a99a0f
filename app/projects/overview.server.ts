import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { staleCaseDays } from "~/settings/network-settings.server";
import { today as todayIso } from "~/shared/dates";

/** Annual case reports due within this many days are shown as due soon. */
import { REPORT_DUE_SOON_DAYS } from "./schemas";

export { REPORT_DUE_SOON_DAYS };

export interface ProjectLoad {
  id: string;
  name: string;
  status: "active" | "paused" | "closed";
  pausedOn: string | null;
  closedOn: string | null;
  capacity: number | null;
  /** The term break it is in today, if any. */
  termBreak: { label: string; endsOn: string } | null;
  activeCases: number;
  offersWaiting: number;
  /** Active cases with no recorded activity for `staleDays` days or more. */
  staleCases: number;
  reportsOverdue: number;
  reportsDueSoon: number;
}

export type LoadTotals = Pick<
  ProjectLoad,
  "activeCases" | "offersWaiting" | "staleCases" | "reportsOverdue" | "reportsDueSoon"
> & { capacity: number };

export interface ProjectsOverview {
  staleDays: number;
  today: string;
  /** Whether the viewer may see cases and offers at all: without it the counts would read 0. */
  casesVisible: boolean;
  projects: ProjectLoad[];
  totals: LoadTotals;
}

/**
 * The network's view of its member projects: each one's active cases against its capacity,
 * offers waiting for an answer, cases gone quiet, and annual case reports overdue or due
 * within 30 days. Counts only: no case or applicant is named.
 */
export async function getProjectsOverview(
  tx: Queryable,
  acting: Acting,
  options: { today?: string } = {},
): Promise<ProjectsOverview> {
  if (!can(acting.viewer, "view:organisation:any"))
    throw forbidden("Only the network's staff can see the projects overview.");
  const today = options.today ?? todayIso();
  const staleDays = await staleCaseDays(tx);
  const active = `{${ACTIVE_CASE_STAGES.join(",")}}`;
  const rows = await queryRows<{
    id: string;
    name: string;
    status: ProjectLoad["status"];
    paused_on: string | null;
    closed_on: string | null;
    capacity: number | null;
    break_label: string | null;
    break_ends_on: string | null;
    active_cases: number | string;
    offers_waiting: number | string;
    stale_cases: number | string;
    reports_overdue: number | string;
    reports_due_soon: number | string;
  }>(
    tx,
    sql`select o.id, o.name, o.status, o.paused_on::text as paused_on,
        o.closed_on::text as closed_on, o.capacity,
        b.label as break_label, b.ends_on::text as break_ends_on,
        coalesce(c.active_cases, 0) as active_cases,
        coalesce(c.stale_cases, 0) as stale_cases,
        coalesce(c.reports_overdue, 0) as reports_overdue,
        coalesce(c.reports_due_soon, 0) as reports_due_soon,
        (select count(*) from referral_offers r
          where r.project_id = o.id and r.status = 'offered') as offers_waiting
      from organisations o
      left join lateral (
        select count(*) as active_cases,
          count(*) filter (where k.last_activity_at < now() - ${staleDays}::int * interval '1 day') as stale_cases,
          count(*) filter (where k.annual_report_due_on < ${today}::date) as reports_overdue,
          count(*) filter (where k.annual_report_due_on >= ${today}::date
            and k.annual_report_due_on <= ${today}::date + ${REPORT_DUE_SOON_DAYS}::int) as reports_due_soon
        from cases k
        where k.organisation_id = o.id and k.stage = any(${active}::text[])
      ) c on true
      left join lateral (
        select t.label, t.ends_on from project_term_breaks t
        where t.organisation_id = o.id and ${today}::date between t.starts_on and t.ends_on
        order by t.ends_on desc limit 1
      ) b on true
      where o.kind = 'project'
      order by case o.status when 'active' then 0 when 'paused' then 1 else 2 end, o.name`,
  );
  const projects: ProjectLoad[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    pausedOn: r.paused_on,
    closedOn: r.closed_on,
    capacity: r.capacity,
    termBreak:
      r.break_label && r.break_ends_on ? { label: r.break_label, endsOn: r.break_ends_on } : null,
    activeCases: toInt(r.active_cases),
    offersWaiting: toInt(r.offers_waiting),
    staleCases: toInt(r.stale_cases),
    reportsOverdue: toInt(r.reports_overdue),
    reportsDueSoon: toInt(r.reports_due_soon),
  }));
  const sum = (pick: (p: ProjectLoad) => number) => projects.reduce((n, p) => n + pick(p), 0);
  return {
    staleDays,
    today,
    casesVisible: can(acting.viewer, "view:application:any"),
    projects,
    totals: {
      activeCases: sum((p) => p.activeCases),
      capacity: sum((p) => (p.status === "active" ? (p.capacity ?? 0) : 0)),
      offersWaiting: sum((p) => p.offersWaiting),
      staleCases: sum((p) => p.staleCases),
      reportsOverdue: sum((p) => p.reportsOverdue),
      reportsDueSoon: sum((p) => p.reportsDueSoon),
    },
  };
}

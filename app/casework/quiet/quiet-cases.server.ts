import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Db, type Queryable, queryRows } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { holders, type Person, tellPeople } from "~/referrals/notify-holders.server";
import { staleCaseDays } from "~/settings/network-settings.server";
import { today } from "~/shared/dates";
import { WORK_LIST_SIZE, type WorkList } from "~/shared/work-list";

const SYSTEM = { userId: null, ip: null, requestId: null };
const ACTIVE = `{${ACTIVE_CASE_STAGES.join(",")}}`;

/**
 * Run by the hourly housekeeping (as the owner): every active case with no recorded activity
 * (note, time, document, line, paper, … — whatever marks the case worked on) for the
 * network's "quiet case" days is alerted to the network's referral coordinators and the
 * project's leads — a notification and an e-mail through the outbox. A quiet spell is known
 * by the last activity it started from: `quiet_case_alerts` keeps one row per case and spell,
 * claimed with ON CONFLICT DO NOTHING, so a spell is alerted once however often this runs, and
 * a case worked on and then quiet again is alerted again. Returns how many cases were alerted.
 */
export async function alertQuietCases(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  day = today(),
): Promise<number> {
  const deliveries: (() => Promise<void>)[] = [];
  const alerted = await db.transaction(async (tx) => {
    const days = await staleCaseDays(tx);
    const claimed = await queryRows<{
      case_id: string;
      organisation_id: string;
      reference: string;
      project: string;
      quiet_since: string;
    }>(
      tx,
      sql`with quiet as (
          insert into quiet_case_alerts (case_id, quiet_since, days)
          select k.id, k.last_activity_at, ${days}::int from cases k
          where k.stage = any(${ACTIVE}::text[])
            and k.last_activity_at < ${day}::date - ${days}::int
          on conflict (case_id, quiet_since) do nothing
          returning case_id, quiet_since)
        select k.id as case_id, k.organisation_id, k.reference, o.name as project,
          to_char(q.quiet_since, 'YYYY-MM-DD') as quiet_since
        from quiet q join cases k on k.id = q.case_id join organisations o on o.id = k.organisation_id
        order by k.reference`,
    );
    if (claimed.length === 0) return 0;
    const [network] = await queryRows<{ id: string }>(tx, sql`select app_network_id() as id`);
    const coordinators = network ? await holders(tx, network.id, "refer:application:any", day) : [];
    const leads = new Map<string, Person[]>();
    for (const c of claimed) {
      let projectLeads = leads.get(c.organisation_id);
      if (!projectLeads) {
        projectLeads = await holders(tx, c.organisation_id, "manage:case:own", day);
        leads.set(c.organisation_id, projectLeads);
      }
      const title = `Case ${c.reference} has been quiet for ${days} days`;
      const body = `Nothing has been recorded on ${c.reference} (${c.project}) since ${c.quiet_since}.`;
      deliveries.push(
        ...(await tellPeople(
          tx,
          mailer,
          projectLeads,
          { title, body, link: `/cases/${c.case_id}` },
          publicUrl,
        )),
        ...(await tellPeople(
          tx,
          mailer,
          coordinators,
          { title, body, link: "/projects/cases" },
          publicUrl,
        )),
      );
    }
    await recordAuditEvent(tx, SYSTEM, {
      action: "case.quiet_alerted",
      entityType: "case",
      details: { day, days, cases: claimed.length, caseIds: claimed.map((c) => c.case_id) },
    });
    return claimed.length;
  });
  for (const d of deliveries) await d();
  return alerted;
}

/**
 * Quiet cases on the home page: for the network's coordinators every project's, for a
 * project's leads their own, the longest quiet first. Read under row-level security (the
 * network reads a case's stage and last activity, never its file).
 */
export async function quietCasesWork(
  tx: Queryable,
  acting: Acting,
  day: string,
): Promise<WorkList[]> {
  const v = acting.viewer;
  const coordinator = can(v, "refer:application:any");
  const leadOf = v.memberships
    .filter((m) => can(v, "manage:case:own", m.organisationId))
    .map((m) => m.organisationId);
  if (!coordinator && leadOf.length === 0) return [];
  const days = await staleCaseDays(tx);
  const scope = coordinator
    ? sql`true`
    : sql`k.organisation_id = any(${`{${leadOf.join(",")}}`}::uuid[])`;
  const rows = await queryRows<{
    id: string;
    reference: string;
    project: string;
    last_on: string;
    total: number | string;
  }>(
    tx,
    sql`select k.id, k.reference, coalesce(o.name, '') as project,
        to_char(k.last_activity_at, 'YYYY-MM-DD') as last_on, count(*) over () as total
      from cases k left join organisations o on o.id = k.organisation_id
      where k.stage = any(${ACTIVE}::text[])
        and k.last_activity_at < ${day}::date - ${days}::int and ${scope}
      order by k.last_activity_at, k.reference limit ${WORK_LIST_SIZE}`,
  );
  return [
    {
      key: "quiet-cases",
      title: coordinator ? "Quiet cases in the projects" : "Your project's quiet cases",
      count: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        key: r.id,
        label: r.reference,
        href: coordinator ? "/projects/cases" : `/cases/${r.id}`,
        detail: `${coordinator ? `${r.project}: ` : ""}nothing recorded since ${r.last_on}`,
      })),
      queueHref: coordinator ? "/projects/cases" : "/cases",
      queueLabel: coordinator ? "The projects' cases" : "Your cases",
      none: `No case has been quiet for ${days} days.`,
    },
  ];
}

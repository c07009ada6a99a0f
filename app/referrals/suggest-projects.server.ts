import { sql } from "drizzle-orm";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { OFFENCE_TYPES } from "~/eligibility/schemas";
import { today } from "~/shared/dates";
import { ACTIVE_CASE_STAGES } from "./case-returns.server";
import type { ReferralCase } from "./referral-case.server";
import { type ProjectFacts, type Suggestion, suggest } from "./suggestions";

/** Every member project with what the suggestion rules weigh, as of today. */
export async function projectFacts(
  tx: Queryable,
  applicationId: string | null,
): Promise<ProjectFacts[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    status: ProjectFacts["status"];
    jurisdictions: string[];
    specialisms: string[];
    capacity: number | null;
    active_cases: number | string;
    open_offers: number | string;
    break_label: string | null;
    break_ends_on: string | null;
    declined_before: boolean;
  }>(
    tx,
    sql`select o.id, o.name, o.status, o.jurisdictions, o.specialisms, o.capacity,
        (select count(*) from cases c where c.organisation_id = o.id
           and c.stage = any(${`{${ACTIVE_CASE_STAGES.join(",")}}`}::text[])) as active_cases,
        (select count(*) from referral_offers r where r.project_id = o.id and r.status = 'offered') as open_offers,
        b.label as break_label, b.ends_on::text as break_ends_on,
        exists (select 1 from referral_offers r where r.project_id = o.id
          and r.application_id = ${applicationId}::uuid and r.status in ('declined', 'lapsed')) as declined_before
      from organisations o
      left join lateral (
        select t.label, t.ends_on from project_term_breaks t
        where t.organisation_id = o.id and ${today()}::date between t.starts_on and t.ends_on
        order by t.ends_on desc limit 1
      ) b on true
      where o.kind = 'project'
      order by o.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    jurisdictions: r.jurisdictions,
    specialisms: r.specialisms,
    capacity: r.capacity,
    activeCases: toInt(r.active_cases),
    openOffers: toInt(r.open_offers),
    inTermBreak:
      r.break_label && r.break_ends_on ? { label: r.break_label, endsOn: r.break_ends_on } : null,
    declinedBefore: r.declined_before,
  }));
}

/** Suggested projects for a case awaiting referral, best first, with the reasons shown. */
export async function suggestProjects(tx: Queryable, c: ReferralCase): Promise<Suggestion[]> {
  const causeLabels = c.assessment.suspectedCauses.length
    ? (
        await queryRows<{ label: string }>(
          tx,
          sql`select label from suspected_causes where key = any(${`{${c.assessment.suspectedCauses.join(",")}}`}::text[])`,
        )
      ).map((r) => r.label)
    : [];
  const offenceType = c.assessment.offenceType
    ? (OFFENCE_TYPES as Record<string, string>)[c.assessment.offenceType]
    : undefined;
  return suggest(
    {
      jurisdiction: c.assessment.jurisdiction,
      themes: [...(offenceType ? [offenceType] : []), ...causeLabels, c.assessment.offences ?? ""],
    },
    await projectFacts(tx, c.application.id),
  );
}

import { eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import { organisations, retentionRules } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { longDate } from "~/letters/merge";
import { today } from "~/shared/dates";
import { requireController } from "../controller";
import { RECORD_CLASS_DEFINITIONS } from "../retention/classes";
import { defaultSchedule } from "../retention/rules";
import type { PolicyFacts } from "./policy-text";

const ACTION_WORDS = { erase: "erased", anonymise: "anonymised", review: "reviewed" } as const;

function period(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/** The live settings the appropriate policy document is written from, for the officer's organisation. */
export async function gatherPolicyFacts(
  tx: Queryable,
  acting: Acting,
  settings: { sessionIdleMinutes: number },
): Promise<PolicyFacts & { organisationId: string }> {
  const organisationId = requireController(acting);
  const [org] = await tx
    .select({
      name: organisations.name,
      kind: organisations.kind,
      addressLines: organisations.addressLines,
      contactEmail: organisations.contactEmail,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound("organisation");
  const officers = await queryRows<{ name: string }>(
    tx,
    sql`select name from app_member_emails(${organisationId}::uuid, 'protect:data:own') order by name`,
  );
  const saved = await tx
    .select()
    .from(retentionRules)
    .where(eq(retentionRules.organisationId, organisationId));
  const rules = saved.length > 0 ? saved : defaultSchedule(org.kind);
  return {
    organisationId,
    organisation: {
      name: org.name,
      kind: org.kind,
      address: org.addressLines,
      email: org.contactEmail,
    },
    officers: officers.map((o) => o.name),
    schedule: rules.map((r) => {
      const d = RECORD_CLASS_DEFINITIONS[r.recordClass];
      return {
        label: d.label,
        period: period(r.periodMonths),
        countedFrom: d.countedFromLabel,
        action: ACTION_WORDS[r.action],
        reason: r.reason,
      };
    }),
    sessionIdleMinutes: settings.sessionIdleMinutes,
    generatedOn: longDate(today()),
  };
}

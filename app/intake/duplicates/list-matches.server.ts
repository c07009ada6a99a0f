import { sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { notFound } from "~/errors/app-error";
import { findLikelyMatches, type MatchReason } from "../likely-matches.server";
import { pgArray } from "../queue/search.server";
import type { ApplicationState, ClosedReason } from "../transitions";

export interface ApplicationSummary {
  id: string;
  reference: string;
  applicantId: string;
  state: ApplicationState;
  closedReason: ClosedReason | null;
  receivedOn: string;
  /** Received before the application being looked at (so it can be what this re-applies after). */
  earlier: boolean;
}

export interface MatchedApplicant {
  applicantId: string;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  prisonerNumber: string | null;
  reasons: MatchReason[];
  applications: ApplicationSummary[];
}

export interface ApplicationLinkView {
  id: string;
  kind: "re_application" | "co_defendant" | "duplicate";
  /** "from": this application links to the other; "to": the other links to this one. */
  direction: "from" | "to";
  note: string | null;
  other: ApplicationSummary & { applicantName: string };
}

export interface ApplicationMatches {
  application: ApplicationSummary & {
    applicantName: string;
    aliases: string[];
    dateOfBirth: string | null;
    prisonerNumber: string | null;
  };
  /** The applicant's own other applications. */
  own: ApplicationSummary[];
  matches: MatchedApplicant[];
  links: ApplicationLinkView[];
}

type AppRow = {
  id: string;
  reference: string;
  applicant_id: string;
  state: ApplicationState;
  closed_reason: ClosedReason | null;
  received_on: string;
  /** Seconds since the epoch: orders applications received on the same day. */
  created_at: number;
};

/**
 * The people who may be this application's applicant again, or their co-defendants, with
 * every application of theirs and what became of it, and the links already made. Showing
 * other people's details is audited, once per person shown, as at entry.
 */
export async function listApplicationMatches(
  tx: Queryable,
  acting: Acting,
  applicationId: string,
): Promise<ApplicationMatches> {
  if (!can(acting.viewer, "view:application:any")) throw notFound("application");
  const [app] = await queryRows<
    AppRow & {
      full_name: string;
      aliases: string[];
      date_of_birth: string | null;
      prisoner_number: string | null;
      court: string | null;
      conviction_date: string | null;
      organisation_id: string;
    }
  >(
    tx,
    sql`select a.id, a.reference, a.applicant_id, a.state, a.closed_reason, a.received_on::text,
        extract(epoch from a.created_at)::float8 as created_at, a.court, a.conviction_date::text, a.organisation_id,
        p.full_name, p.aliases, p.date_of_birth::text, p.prisoner_number
      from applications a join applicants p on p.id = a.applicant_id
      where a.id = ${applicationId}::uuid`,
  );
  if (!app) throw notFound("application");
  const isEarlier = (o: AppRow) =>
    o.received_on < app.received_on ||
    (o.received_on === app.received_on && Number(o.created_at) < Number(app.created_at));
  const summary = (o: AppRow): ApplicationSummary => ({
    id: o.id,
    reference: o.reference,
    applicantId: o.applicant_id,
    state: o.state,
    closedReason: o.closed_reason,
    receivedOn: o.received_on,
    earlier: isEarlier(o),
  });

  const found = await findLikelyMatches(tx, {
    fullName: app.full_name,
    aliases: app.aliases,
    dateOfBirth: app.date_of_birth,
    prisonerNumber: app.prisoner_number,
    court: app.court,
    convictionDate: app.conviction_date,
    excludeApplicantId: app.applicant_id,
    limit: 20,
  });
  const applicantIds = [app.applicant_id, ...found.map((m) => m.applicantId)];
  // Merged records keep their history but are no one's applicant any more.
  const merged = new Set(
    (
      await queryRows<{ id: string }>(
        tx,
        sql`select id from applicants where id = any(${pgArray(applicantIds)}::uuid[])
          and merged_into_id is not null`,
      )
    ).map((r) => r.id),
  );
  const apps = await queryRows<AppRow>(
    tx,
    sql`select a.id, a.reference, a.applicant_id, a.state, a.closed_reason, a.received_on::text,
        extract(epoch from a.created_at)::float8 as created_at
      from applications a where a.applicant_id = any(${pgArray(applicantIds)}::uuid[])
      order by a.received_on desc, a.created_at desc`,
  );
  const matches = found
    .filter((m) => !merged.has(m.applicantId))
    .map((m) => ({
      applicantId: m.applicantId,
      fullName: m.fullName,
      aliases: m.aliases,
      dateOfBirth: m.dateOfBirth,
      prisonerNumber: m.prisonerNumber,
      reasons: m.reasons,
      applications: apps.filter((o) => o.applicant_id === m.applicantId).map(summary),
    }));

  const links = await queryRows<
    AppRow & {
      link_id: string;
      kind: ApplicationLinkView["kind"];
      note: string | null;
      direction: "from" | "to";
      full_name: string;
    }
  >(
    tx,
    sql`select l.id as link_id, l.kind, l.note, x.direction, o.id, o.reference, o.applicant_id,
        o.state, o.closed_reason, o.received_on::text, extract(epoch from o.created_at)::float8 as created_at, p.full_name
      from application_links l
      cross join lateral (select case when l.application_id = ${applicationId}::uuid then 'from' else 'to' end as direction) x
      join applications o on o.id = case when x.direction = 'from' then l.linked_application_id else l.application_id end
      join applicants p on p.id = o.applicant_id
      where l.application_id = ${applicationId}::uuid or l.linked_application_id = ${applicationId}::uuid
      order by l.created_at`,
  );

  for (const m of matches) {
    await recordAuditEvent(tx, actorOf(acting), {
      action: "applicant.matched",
      entityType: "applicant",
      entityId: m.applicantId,
      subjectId: m.applicantId,
      organisationId: app.organisation_id,
      details: { reasons: m.reasons, context: "matches page", applicationId },
    });
  }
  return {
    application: {
      ...summary(app),
      applicantName: app.full_name,
      aliases: app.aliases,
      dateOfBirth: app.date_of_birth,
      prisonerNumber: app.prisoner_number,
    },
    own: apps.filter((o) => o.applicant_id === app.applicant_id && o.id !== app.id).map(summary),
    matches,
    links: links.map((l) => ({
      id: l.link_id,
      kind: l.kind,
      direction: l.direction,
      note: l.note,
      other: { ...summary(l), applicantName: l.full_name },
    })),
  };
}

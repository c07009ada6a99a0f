import { sql } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";

/**
 * Multi-row INSERTs that send a batch as one JSON parameter, unpacked by the database with
 * jsonb_to_recordset. Building a thousand-row INSERT with the ORM's values() takes about half
 * a second in JavaScript (12,000 bound parameters); this takes a millisecond, and row-level
 * security, defaults and triggers apply exactly as for any INSERT. The column lists name the
 * tables' columns (app/db/schema/intake.ts); tests/integration/import.test.ts reads them back.
 */

export interface ApplicantRow {
  id: string;
  organisation_id: string;
  full_name: string;
  aliases: string[];
  date_of_birth: string | null;
  prisoner_number: string | null;
  other_prisoner_number: string | null;
  current_establishment_id: string | null;
  postal_address: string | null;
  large_print: boolean;
  language: string | null;
  legal_correspondence: boolean;
}

export interface MoveRow {
  applicant_id: string;
  establishment_id: string;
  from_date: string;
}

export interface ApplicationRow {
  organisation_id: string;
  reference: string;
  applicant_id: string;
  channel: string;
  received_on: string;
  recorded_by: string;
  acknowledgement_due_on: string;
  questionnaire: Record<string, unknown>;
  offence: string | null;
  court: string | null;
  conviction_date: string | null;
  import_key: string;
  state: string;
  closed_reason: string | null;
  /** The date received stands in for the day an old register's application was answered. */
  acknowledged_on: string | null;
}

export async function insertApplicants(tx: Queryable, rows: ApplicantRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into applicants (id, organisation_id, full_name, aliases, date_of_birth, prisoner_number,
      other_prisoner_number, current_establishment_id, postal_address, large_print, language,
      legal_correspondence)
    select id, organisation_id, full_name, aliases, date_of_birth, prisoner_number,
      other_prisoner_number, current_establishment_id, postal_address, large_print, language,
      legal_correspondence
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, organisation_id uuid,
      full_name text, aliases text[], date_of_birth date, prisoner_number text,
      other_prisoner_number text, current_establishment_id uuid, postal_address text,
      large_print boolean, language text, legal_correspondence boolean)`);
}

export async function insertMoves(tx: Queryable, rows: MoveRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into applicant_moves (applicant_id, establishment_id, from_date)
    select applicant_id, establishment_id, from_date
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(applicant_id uuid, establishment_id uuid, from_date date)`);
}

export async function insertApplications(tx: Queryable, rows: ApplicationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into applications (organisation_id, reference, applicant_id, channel, received_on,
      recorded_by, acknowledgement_due_on, questionnaire, offence, court, conviction_date,
      import_key, state, closed_reason, acknowledged_on)
    select organisation_id, reference, applicant_id, channel, received_on, recorded_by,
      acknowledgement_due_on, questionnaire, offence, court, conviction_date, import_key,
      state, closed_reason, acknowledged_on
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(organisation_id uuid,
      reference text, applicant_id uuid, channel text, received_on date, recorded_by uuid,
      acknowledgement_due_on date, questionnaire jsonb, offence text, court text,
      conviction_date date, import_key text, state text, closed_reason text, acknowledged_on date)`);
}

/** A PostgreSQL text[] literal, to send many values as one parameter (`= any($1::text[])`). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

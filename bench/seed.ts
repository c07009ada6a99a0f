import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { asSystem, type Db, queryRows, toInt } from "~/db/database.server";
import { allocateReferences } from "~/intake/references.server";
import { addWorkingDays } from "~/shared/dates";
import { application, faker, person } from "./synthetic";

const BATCH = 5_000;
/** Applicants with a second application (a re-application), as a share of applications. */
const REAPPLYING = 0.09;

export interface SeedContext {
  organisationId: string;
  staffIds: string[];
}

async function countApplications(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*) as n from applications`);
  return toInt(row?.n ?? 0);
}

/**
 * Fills the database up to `target` applications, in batches of 5,000 sent as one JSON
 * parameter per table (no audit events: this is a data set, not work anyone did). Runs as
 * the owning role. Returns how many it added.
 */
export async function seedApplications(
  db: Db,
  ctx: SeedContext,
  target: number,
  log: (line: string) => void,
): Promise<number> {
  const existing = await countApplications(db);
  const missing = Math.max(0, target - existing);
  const establishments = (
    await queryRows<{ id: string }>(db, sql`select id from establishments where closed_on is null`)
  ).map((r) => r.id);
  const started = Date.now();
  for (let done = 0; done < missing; done += BATCH) {
    const size = Math.min(BATCH, missing - done);
    await asSystem(db, (tx) => seedBatch(tx as unknown as Db, ctx, establishments, size));
    // Statistics from an empty table make the triggers' lookups scan: refresh them as it grows.
    if ((done / BATCH) % 20 === 0) await db.execute(sql`analyze applications, applicants`);
    const rate = Math.round((done + size) / ((Date.now() - started) / 1000));
    if ((done / BATCH) % 20 === 0 || done + size >= missing)
      log(`  seeded ${existing + done + size} applications (${rate}/s)`);
  }
  return missing;
}

async function seedBatch(tx: Db, ctx: SeedContext, establishments: string[], size: number) {
  const applicantCount = Math.max(1, Math.round(size * (1 - REAPPLYING)));
  const applicants = Array.from({ length: applicantCount }, () => {
    const p = person();
    return {
      id: randomUUID(),
      organisation_id: ctx.organisationId,
      full_name: p.fullName,
      aliases: p.aliases,
      date_of_birth: p.dateOfBirth,
      prisoner_number: p.prisonerNumber,
      current_establishment_id:
        faker.number.float() < 0.8 ? faker.helpers.arrayElement(establishments) : null,
      postal_address: null,
    };
  });
  await tx.execute(sql`
    insert into applicants (id, organisation_id, full_name, aliases, date_of_birth,
      prisoner_number, current_establishment_id, postal_address)
    select * from jsonb_to_recordset(${JSON.stringify(applicants)}::jsonb) as r(id uuid,
      organisation_id uuid, full_name text, aliases text[], date_of_birth date,
      prisoner_number text, current_establishment_id uuid, postal_address text)`);
  const apps = Array.from({ length: size }, (_, i) => {
    const a = application();
    const applicant = i < applicantCount ? applicants[i] : faker.helpers.arrayElement(applicants);
    const open = !["closed", "under_assessment", "awaiting_referral"].includes(a.state);
    return {
      organisation_id: ctx.organisationId,
      reference: "",
      applicant_id: applicant?.id,
      channel: a.channel,
      received_on: a.receivedOn,
      state: a.state,
      closed_reason: a.closedReason,
      assignee_id:
        open && faker.number.float() < 0.4 ? faker.helpers.arrayElement(ctx.staffIds) : null,
      acknowledged_on: a.state === "received" ? null : addWorkingDays(a.receivedOn, 3),
      acknowledgement_due_on: addWorkingDays(a.receivedOn, 10),
      questionnaire: a.questionnaire,
      offence: a.questionnaire.offences ?? null,
      court: a.questionnaire.court ?? null,
      conviction_date: a.questionnaire.convictionDate ?? null,
    };
  });
  const byYear = new Map<number, typeof apps>();
  for (const a of apps) {
    const year = Number(a.received_on.slice(0, 4));
    const ofYear = byYear.get(year);
    if (ofYear) ofYear.push(a);
    else byYear.set(year, [a]);
  }
  for (const [year, ofYear] of byYear) {
    const refs = await allocateReferences(tx, year, ofYear.length);
    ofYear.forEach((a, i) => {
      a.reference = refs[i] ?? "";
    });
  }
  await tx.execute(sql`
    insert into applications (organisation_id, reference, applicant_id, channel, received_on,
      state, closed_reason, assignee_id, acknowledged_on, acknowledgement_due_on, questionnaire,
      offence, court, conviction_date)
    select * from jsonb_to_recordset(${JSON.stringify(apps)}::jsonb) as r(organisation_id uuid,
      reference text, applicant_id uuid, channel text, received_on date, state text,
      closed_reason text, assignee_id uuid, acknowledged_on date, acknowledgement_due_on date,
      questionnaire jsonb, offence text, court text, conviction_date date)`);
}

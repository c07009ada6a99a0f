import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { addWorkingDays } from "~/shared/dates";
import { formatReference } from "../references.server";
import { insertApplicants, insertApplications, insertMoves, textArray } from "./bulk-insert.server";
import { keysAlreadyImported } from "./check-file.server";
import type { ValidRow } from "./validate-row.server";

export interface BatchContext {
  runId: string;
  organisationId: string;
  acknowledgementDays: number;
  actor: Actor & { userId: string };
}

/**
 * Imports one batch of checked rows in the caller's transaction: what `recordApplication`
 * does for one application, done for a thousand with one INSERT per table — a new applicant
 * each, references numbered per year received (the same `next_application_numbers` as
 * `allocateReferences`, every year in one statement), the acknowledgement due date, the offence,
 * court and conviction date copied out for matching — and one audit event for the batch.
 * Rows whose key an earlier import brought in are skipped.
 */
export async function insertBatch(
  tx: Queryable,
  ctx: BatchContext,
  rows: readonly ValidRow[],
): Promise<{ imported: number; skipped: number }> {
  // Two imports at once must not both decide a row is new: batches take turns.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('clearname.import'))`);
  const existing = await keysAlreadyImported(
    tx,
    rows.map((r) => r.key),
  );
  const fresh = rows.filter((r) => !existing.has(r.key));
  if (fresh.length === 0) return { imported: 0, skipped: rows.length };

  // A prisoner number already on the register (or earlier in this batch) is the same person:
  // the application joins that applicant, as a re-application, instead of making a new one.
  const numbers = [
    ...new Set(
      fresh.flatMap((r) => (r.applicant.prisonerNumber ? [r.applicant.prisonerNumber] : [])),
    ),
  ];
  const known = new Map(
    numbers.length === 0
      ? []
      : (
          await queryRows<{ prisoner_number: string; id: string }>(
            tx,
            sql`select distinct on (prisoner_number) prisoner_number, id from applicants
                where prisoner_number = any(${textArray(numbers)}::text[]) and merged_into_id is null
                order by prisoner_number, created_at`,
          )
        ).map((r) => [r.prisoner_number, r.id]),
  );
  const isNew: boolean[] = [];
  const applicantIds = fresh.map((r) => {
    const pn = r.applicant.prisonerNumber;
    const existing = pn ? known.get(pn) : undefined;
    if (existing) {
      isNew.push(false);
      return existing;
    }
    const id = randomUUID();
    if (pn) known.set(pn, id);
    isNew.push(true);
    return id;
  });
  const newRows = fresh.flatMap((r, i) => (isNew[i] ? [{ r, id: applicantIds[i] as string }] : []));
  await insertApplicants(
    tx,
    newRows.map(({ r, id }) => ({
      id,
      organisation_id: ctx.organisationId,
      full_name: r.applicant.fullName,
      aliases: r.applicant.aliases,
      date_of_birth: r.applicant.dateOfBirth ?? null,
      prisoner_number: r.applicant.prisonerNumber ?? null,
      other_prisoner_number: r.applicant.otherPrisonerNumber ?? null,
      current_establishment_id: r.applicant.establishmentId ?? null,
      postal_address: r.applicant.postalAddress ?? null,
      large_print: r.applicant.largePrint,
      language: r.applicant.language ?? null,
      legal_correspondence: r.applicant.legalCorrespondence,
    })),
  );
  await insertMoves(
    tx,
    newRows.flatMap(({ r, id }) =>
      r.applicant.establishmentId
        ? [
            {
              applicant_id: id,
              establishment_id: r.applicant.establishmentId,
              from_date: r.receivedOn,
            },
          ]
        : [],
    ),
  );

  // References are numbered per year received: one statement allocates every year's block.
  const byYear = new Map<number, number[]>();
  fresh.forEach((r, i) => {
    const year = Number(r.receivedOn.slice(0, 4));
    const indexes = byYear.get(year);
    if (indexes) indexes.push(i);
    else byYear.set(year, [i]);
  });
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const firsts = await queryRows<{ year: number; first: number }>(
    tx,
    sql`select y as year, next_application_numbers(y, n) as first
      from unnest(${`{${years.join(",")}}`}::int[], ${`{${years.map((y) => byYear.get(y)?.length ?? 0).join(",")}}`}::int[]) as t(y, n)
      order by y`,
  );
  const references: string[] = [];
  const ranges: string[] = [];
  for (const { year, first } of firsts) {
    const indexes = byYear.get(Number(year)) ?? [];
    indexes.forEach((rowIndex, i) => {
      references[rowIndex] = formatReference(Number(year), Number(first) + i);
    });
    const last = Number(first) + indexes.length - 1;
    ranges.push(
      formatReference(Number(year), Number(first)) +
        (indexes.length > 1 ? ` to ${formatReference(Number(year), last)}` : ""),
    );
  }
  await insertApplications(
    tx,
    fresh.map((r, i) => ({
      organisation_id: ctx.organisationId,
      reference: references[i] as string,
      applicant_id: applicantIds[i] as string,
      channel: r.channel,
      received_on: r.receivedOn,
      recorded_by: ctx.actor.userId,
      acknowledgement_due_on: addWorkingDays(r.receivedOn, ctx.acknowledgementDays),
      questionnaire: r.questionnaire,
      offence: r.questionnaire.offences ?? null,
      court: r.questionnaire.court ?? null,
      conviction_date: r.questionnaire.convictionDate ?? null,
      import_key: r.key,
      state: r.outcome.state,
      closed_reason: r.outcome.closedReason,
      acknowledged_on: r.outcome.state === "received" ? null : r.receivedOn,
    })),
  );
  await recordAuditEvent(tx, ctx.actor, {
    action: "application.imported",
    entityType: "import_run",
    entityId: ctx.runId,
    organisationId: ctx.organisationId,
    details: {
      runId: ctx.runId,
      count: fresh.length,
      lines: [fresh[0]?.line, fresh.at(-1)?.line],
      references: ranges,
    },
  });
  return { imported: fresh.length, skipped: rows.length - fresh.length };
}

import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import { normalisePrisonerNumber } from "./prisoner-number";

export type MatchReason =
  | "same prisoner number"
  | "similar name"
  | "same date of birth"
  | "possible co-defendant";

export interface LikelyMatch {
  applicantId: string;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  prisonerNumber: string | null;
  /** The applicant's latest application: what a re-application is linked to. */
  latest: {
    applicationId: string;
    reference: string;
    state: string;
    closedReason: string | null;
    receivedOn: string;
  } | null;
  nameSimilarity: number;
  reasons: MatchReason[];
}

export interface MatchQuery {
  fullName: string;
  aliases?: string[];
  dateOfBirth?: string | null;
  prisonerNumber?: string | null;
  court?: string | null;
  convictionDate?: string | null;
  /** Leave this applicant out (the one being looked at). */
  excludeApplicantId?: string | null;
  limit?: number;
}

/** Word similarity at or above which a name is "similar" (pg_trgm word_similarity, 0 to 1). */
export const NAME_THRESHOLD = 0.5;

/**
 * Likely earlier applications by the same person, and possible co-defendants: the same
 * prisoner number, a similar name (aliases included, by trigram word similarity), the same
 * date of birth with a loosely similar name, or the same court and conviction date. Each
 * branch is its own indexed query, joined with UNION, so it stays fast on a large register.
 */
export async function findLikelyMatches(tx: Queryable, q: MatchQuery): Promise<LikelyMatch[]> {
  const names = [q.fullName, ...(q.aliases ?? [])]
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return [];
  const pn = q.prisonerNumber ? normalisePrisonerNumber(q.prisonerNumber) : null;
  const exclude = q.excludeApplicantId ?? "00000000-0000-0000-0000-000000000000";
  const limit = q.limit ?? 10;
  await tx.execute(
    sql`select set_config('pg_trgm.word_similarity_threshold', ${String(NAME_THRESHOLD)}, true)`,
  );
  // Trigram operators are not leakproof, so under row-level security PostgreSQL would not use
  // the index for them; app_applicants_similar_to checks the permission itself and uses it.
  const nameBranches = names.map(
    (n) =>
      sql`select f.id, 'similar name' as reason from app_applicants_similar_to(${n}, 50) as f(id)`,
  );
  const branches = [
    ...nameBranches,
    pn
      ? sql`select a.id, 'same prisoner number' as reason from applicants a where a.prisoner_number = ${pn}`
      : null,
    q.dateOfBirth
      ? sql`select a.id, 'same date of birth' as reason from applicants a
            where a.date_of_birth = ${q.dateOfBirth} and word_similarity(${names[0]}, a.names_text) >= 0.25`
      : null,
    q.court && q.convictionDate
      ? sql`select p.applicant_id as id, 'possible co-defendant' as reason from applications p
            where p.conviction_date = ${q.convictionDate} and lower(p.court) = lower(${q.court})`
      : null,
  ].filter((b): b is NonNullable<typeof b> => b !== null);
  const rows = await queryRows<{
    id: string;
    reasons: string[];
    full_name: string;
    aliases: string[];
    date_of_birth: string | null;
    prisoner_number: string | null;
    similarity: number;
    application_id: string | null;
    reference: string | null;
    state: string | null;
    closed_reason: string | null;
    received_on: string | null;
  }>(
    tx,
    sql`with hits as (${sql.join(branches, sql` union all `)}),
      grouped as (
        select id, array_agg(distinct reason) as reasons from hits where id <> ${exclude}::uuid group by id
      )
      select a.id, g.reasons, a.full_name, a.aliases, a.date_of_birth::text as date_of_birth, a.prisoner_number,
        word_similarity(${names[0]}, a.names_text) as similarity,
        l.id as application_id, l.reference, l.state, l.closed_reason, l.received_on::text as received_on
      from grouped g
      join applicants a on a.id = g.id and a.merged_into_id is null
      left join lateral (
        select p.id, p.reference, p.state, p.closed_reason, p.received_on from applications p
        where p.applicant_id = a.id order by p.received_on desc, p.created_at desc limit 1
      ) l on true
      order by (case when 'same prisoner number' = any(g.reasons) then 0 else 1 end),
        cardinality(g.reasons) desc, word_similarity(${names[0]}, a.names_text) desc
      limit ${limit}`,
  );
  return rows.map((r) => ({
    applicantId: r.id,
    fullName: r.full_name,
    aliases: r.aliases,
    dateOfBirth: r.date_of_birth,
    prisonerNumber: r.prisoner_number,
    latest: r.application_id
      ? {
          applicationId: r.application_id,
          reference: r.reference ?? "",
          state: r.state ?? "",
          closedReason: r.closed_reason,
          receivedOn: r.received_on ?? "",
        }
      : null,
    nameSimilarity: Number(r.similarity),
    reasons: r.reasons as MatchReason[],
  }));
}

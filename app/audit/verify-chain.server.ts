import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";

export const GENESIS_HASH = "0".repeat(64);

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; seq: number; id: string; problem: string };

interface ChainRow extends Record<string, unknown> {
  seq: number | string;
  id: string;
  occurred: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  subject_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  request_id: string | null;
  reason: string | null;
  details_text: string;
  prev_hash: string;
  hash: string;
}

/** The same canonical text the `audit_events_chain` trigger hashes (drizzle/0002_audit_trail.sql). */
function digest(row: ChainRow): string {
  const text = [
    String(row.seq),
    row.id,
    row.occurred,
    row.actor_user_id ?? "",
    row.action,
    row.entity_type,
    row.entity_id ?? "",
    row.subject_id ?? "",
    row.organisation_id ?? "",
    row.ip ?? "",
    row.request_id ?? "",
    row.reason ?? "",
    row.details_text,
    row.prev_hash,
  ].join("\n");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Walks the audit trail in sequence order, recomputing each row's hash and checking that
 * it names the hash of the row before it. An altered row fails its own hash; a removed
 * row breaks the link of the row after it.
 */
export async function verifyAuditChain(db: Queryable, batchSize = 2000): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await queryRows<ChainRow>(
      db,
      sql`
      select seq, id::text as id,
        to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred,
        actor_user_id::text as actor_user_id, action, entity_type, entity_id,
        subject_id::text as subject_id, organisation_id::text as organisation_id,
        ip, request_id, reason, details::text as details_text, prev_hash, hash
      from audit_events where seq > ${after} order by seq limit ${batchSize}`,
    );
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.prev_hash !== previous) {
        return {
          ok: false,
          checked,
          seq,
          id: row.id,
          problem: "does not follow the event before it (an event was removed or reordered)",
        };
      }
      if (digest(row) !== row.hash) {
        return {
          ok: false,
          checked,
          seq,
          id: row.id,
          problem: "its content does not match its hash (the event was altered)",
        };
      }
      previous = row.hash;
      after = seq;
      checked++;
    }
  }
}

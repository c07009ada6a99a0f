import { sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { caseProjectIds } from "~/referrals/project-scope";
import { HIT_START, HIT_STOP } from "./highlight";

export type HitKind = "document" | "note" | "evidence" | "chronology";

export interface SearchHit {
  kind: HitKind;
  id: string;
  title: string;
  /** Plain text with HIT_START / HIT_STOP around each hit (see splitSnippet). */
  snippet: string;
  rank: number;
}

export interface CaseHits {
  caseId: string;
  reference: string;
  hits: SearchHit[];
}

import { MAX_QUERY_LENGTH } from "./highlight";

export { MAX_QUERY_LENGTH };

const MAX_HITS = 100;
/** ts_headline reads the whole text it is given: a long document is cut to this for the snippet. */
const HEADLINE_CHARS = 100_000;

const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search over the case files the user may see: documents' text, notes, evidence
 * and chronology, ranked, with highlighted snippets, grouped by case.
 *
 * Runs as the user, so row-level security hides every case they may not see (a caseworker
 * sees only the cases they are on); and, because network staff may read some cases' rows
 * for oversight, it also keeps to the projects whose case files the user works on
 * (caseProjectIds, the one reviewed place). Audited with the query, which is the user's
 * own words, and the cases it showed them.
 */
export async function searchCasework(
  tx: Queryable,
  acting: Acting,
  rawQuery: string,
): Promise<{ query: string; total: number; cases: CaseHits[]; truncated: boolean }> {
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  const projects = caseProjectIds(acting.viewer);
  if (!query || projects.length === 0) return { query, total: 0, cases: [], truncated: false };
  const rows = await queryRows<{
    kind: HitKind;
    id: string;
    case_id: string;
    reference: string;
    title: string;
    snippet: string;
    rank: number;
  }>(
    tx,
    sql`
      WITH q AS (SELECT websearch_to_tsquery('english', ${query}) AS query),
      hits AS (
        SELECT 'document' AS kind, d.id, d.case_id, ts_rank(d.search, q.query) AS rank,
               d.filename AS title,
               left(coalesce(d.description, '') || ' ' || coalesce(d.extracted_text, '') || ' ' || d.filename, ${HEADLINE_CHARS}) AS body
          FROM case_documents d, q WHERE d.search @@ q.query
        UNION ALL
        SELECT 'note', n.id, n.case_id, ts_rank(n.search, q.query), 'Case note', n.body
          FROM case_notes n, q WHERE n.search @@ q.query
        UNION ALL
        SELECT 'evidence', e.id, e.case_id, ts_rank(e.search, q.query), e.kind,
               e.description || ' ' || e.source || ' ' || e.how_challenged
          FROM evidence_items e, q WHERE e.search @@ q.query
        UNION ALL
        SELECT 'chronology', ev.id, ev.case_id, ts_rank(ev.search, q.query), ev.occurred_on::text,
               ev.description || ' ' || ev.source
          FROM chronology_events ev, q WHERE ev.search @@ q.query
      ),
      mine AS (
        SELECT h.*, c.reference
          FROM hits h JOIN cases c ON c.id = h.case_id
         WHERE c.organisation_id IN ${projects}
         ORDER BY h.rank DESC, h.id
         LIMIT ${MAX_HITS + 1}
      )
      SELECT m.kind, m.id, m.case_id, m.reference, m.title, m.rank::float8 AS rank,
             ts_headline('english', m.body, q.query, ${HEADLINE_OPTIONS}) AS snippet
        FROM mine m, q
       ORDER BY m.rank DESC, m.id`,
  );
  const truncated = rows.length > MAX_HITS;
  const shown = rows.slice(0, MAX_HITS);
  const byCase = new Map<string, CaseHits>();
  for (const r of shown) {
    let group = byCase.get(r.case_id);
    if (!group) {
      group = { caseId: r.case_id, reference: r.reference, hits: [] };
      byCase.set(r.case_id, group);
    }
    group.hits.push({
      kind: r.kind,
      id: r.id,
      title: r.title,
      snippet: r.snippet,
      rank: Number(r.rank),
    });
  }
  await recordAuditEvent(tx, actorOf(acting), {
    action: "casework.searched",
    entityType: "search",
    details: {
      query,
      hits: shown.length,
      truncated,
      caseIds: [...byCase.keys()],
    },
  });
  return { query, total: shown.length, cases: [...byCase.values()], truncated };
}

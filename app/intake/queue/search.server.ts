import { type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import { NAME_THRESHOLD } from "../likely-matches.server";
import { parseSearchTerms, prefixUpperBound, type SearchTerms } from "./search-terms.server";

/** More people than this matching a name means the name is too short to be useful. */
export const NAME_MATCH_CAP = 500;
const REFERENCE_PREFIX_CAP = 1000;
/** Applications found by the words in their scans: more than this, and the words are too common. */
const SCAN_MATCH_CAP = 500;

export interface SearchHits {
  terms: SearchTerms;
  /** Every application found: by reference, and every application of the people found. */
  applicationIds: string[];
  /** The people found by prisoner number or name. */
  applicantIds: string[];
  /** The name matched more people than NAME_MATCH_CAP: only that many are shown. */
  truncated: boolean;
  /** No name matched word for word, so names were matched by similarity instead. */
  fuzzy: boolean;
  /** The text was none of a reference, a prisoner number or a name of 3 letters or more. */
  unusable: boolean;
  /** Applications found by words in their scans' text (read by OCR or from a PDF). */
  inScans: number;
}

/**
 * The search box as a union of indexed lookups, each its own query, never one WHERE with
 * ORs across kinds (which PostgreSQL can only answer by reading every row):
 * - references: equality or a prefix range on the unique btree `applications_reference_key`;
 * - prisoner numbers: equality on `applicants_prisoner_number_idx`;
 * - names: every word as a substring of `names_text` (GIN trigram `applicants_names_trgm_idx`),
 *   falling back to trigram word similarity (`%>`) when no name contains every word;
 * - words in scans: the text of the applications' scans, read by OCR (scanTextQuery).
 * The queue then keeps applications whose id or applicant is among the hits.
 */
export async function searchQueue(tx: Queryable, q: string): Promise<SearchHits> {
  const terms = parseSearchTerms(q);
  const hits: SearchHits = {
    terms,
    applicationIds: [],
    applicantIds: [],
    truncated: false,
    fuzzy: false,
    unusable: false,
    inScans: 0,
  };
  const references = terms.referencePrefix
    ? sql`select a.id from applications a where a.reference = any(${pgArray(terms.references)}::text[])
        union
        (select a.id from applications a
          where a.reference >= ${terms.referencePrefix} and a.reference < ${prefixUpperBound(terms.referencePrefix)}
            and starts_with(a.reference, ${terms.referencePrefix})
          limit ${REFERENCE_PREFIX_CAP})`
    : terms.references.length > 0
      ? sql`select a.id from applications a where a.reference = any(${pgArray(terms.references)}::text[])`
      : null;
  if (references) hits.applicationIds = await ids(tx, references);
  if (terms.prisonerNumber) {
    hits.applicantIds = await ids(
      tx,
      sql`select p.id from applicants p where p.prisoner_number = ${terms.prisonerNumber}`,
    );
  }
  if (terms.nameWords.length > 0) {
    const inScans = await ids(tx, scanTextQuery(q));
    hits.inScans = inScans.length;
    hits.applicationIds = [...new Set([...hits.applicationIds, ...inScans])];
    let named = await ids(tx, nameQuery(terms.nameWords));
    // Similar names only when nothing holds the words: a scan that does is the better answer.
    if (named.length === 0 && inScans.length === 0) {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(NAME_THRESHOLD)}, true)`,
      );
      named = await ids(tx, fuzzyNameQuery(terms.nameWords.join(" ")));
      hits.fuzzy = named.length > 0;
    }
    hits.truncated = named.length > NAME_MATCH_CAP;
    hits.applicantIds.push(...named.slice(0, NAME_MATCH_CAP));
  }
  hits.unusable = !references && !terms.prisonerNumber && terms.nameWords.length === 0;
  // The people found become their applications here, through applications_applicant_idx, so
  // the queue filters on application ids alone and reads only those rows (see listQueue).
  if (hits.applicantIds.length > 0) {
    const theirs = await ids(
      tx,
      sql`select a.id from applications a where a.applicant_id = any(${pgArray(hits.applicantIds)}::uuid[])`,
    );
    hits.applicationIds = [...new Set([...hits.applicationIds, ...theirs])];
  }
  return hits;
}

/**
 * Applicants whose names (full name and aliases) contain every word. The longest word is
 * the one the trigram index looks up; the others are checked on the rows it finds.
 *
 * PERFORMANCE: under row-level security PostgreSQL uses an index only for leakproof
 * operators, and LIKE and pg_trgm's `%>` are not, so as `clearname_app` this and the fuzzy
 * query read every applicant (5 to 11 seconds at 900,000 applicants). The migration proposed
 * with the queue adds SECURITY DEFINER functions that check the permission themselves; with
 * it these become `select f.id from app_applicants_by_name(${words}::text[], ${max}) as f(id)`
 * (longest word first) and `… from app_applicants_similar_to(${phrase}, ${max}) as f(id)`.
 */
function nameQuery(words: string[]): SQL {
  const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? "";
  const ordered = [longest, ...words.filter((w) => w !== longest)];
  return sql`select f.id from app_applicants_by_name(${pgArray(ordered)}::text[], ${NAME_MATCH_CAP + 1}) as f(id)`;
}

/**
 * Applications with a scan whose text holds the words (English stemming, as the case search
 * does), through the GIN index on `scan_readings.search`; the reading is visible only where
 * its document is (row-level security on both).
 */
function scanTextQuery(q: string): SQL {
  return sql`select distinct d.application_id as id
      from scan_readings r join documents d on d.id = r.document_id
     where r.search @@ websearch_to_tsquery('english', ${q}) and d.application_id is not null
     limit ${SCAN_MATCH_CAP}`;
}

function fuzzyNameQuery(phrase: string): SQL {
  return sql`select f.id from app_applicants_similar_to(${phrase}, ${NAME_MATCH_CAP + 1}) as f(id)`;
}

/** A PostgreSQL array literal of simple values (references, uuids): no quoting needed. */
export function pgArray(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}

async function ids(tx: Queryable, query: SQL): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(tx, query);
  return rows.map((r) => r.id);
}

import { EW_PRISONER_NUMBER, normalisePrisonerNumber } from "../prisoner-number";
import { formatReference } from "../references.server";

/** What one search box can mean: each kind is looked up by its own index. */
export interface SearchTerms {
  /** Whole references the text stands for, e.g. "cn 2026 42" → CN-2026-00042. */
  references: string[];
  /** A partial reference typed as printed ("CN-2026-004"), matched as a prefix. */
  referencePrefix: string | null;
  /** A normalised England and Wales prisoner number. */
  prisonerNumber: string | null;
  /** Lower-case words of a name; searched only when one has 3 letters or more. */
  nameWords: string[];
}

/** The shortest name word the trigram index can find on its own. */
export const MIN_NAME_WORD = 3;

export function parseSearchTerms(input: string): SearchTerms {
  const q = input.trim();
  const terms: SearchTerms = {
    references: [],
    referencePrefix: null,
    prisonerNumber: null,
    nameWords: [],
  };
  const ref = /^(?:cn)?[\s-]*(\d{4})[\s-]+(\d{1,7})$/i.exec(q);
  if (ref?.[1] && ref[2]) {
    // The number padded as printed, and the digits exactly as typed.
    const printed = `CN-${ref[1]}-${ref[2]}`;
    terms.references = [...new Set([formatReference(Number(ref[1]), Number(ref[2])), printed])];
    // Two or more digits with a leading zero: also a prefix (at most 1,000 references).
    if (ref[2].length >= 2 && ref[2].length < 5 && ref[2].startsWith("0"))
      terms.referencePrefix = printed;
  }
  const pn = normalisePrisonerNumber(q);
  if (EW_PRISONER_NUMBER.test(pn)) terms.prisonerNumber = pn;
  const words = q
    .toLowerCase()
    .split(/[^\p{L}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ""))
    .filter((w) => w.length > 0);
  if (!terms.prisonerNumber && words.some((w) => w.length >= MIN_NAME_WORD)) {
    terms.nameWords = [...new Set(words)].slice(0, 6);
  }
  return terms;
}

/**
 * The upper bound of a prefix range: the prefix with its last character incremented. The
 * prefixes used here end in a digit, so this is right in any collation, not only "C".
 */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

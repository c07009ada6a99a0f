import { jurisdictionOfCourt } from "~/intake/court-jurisdiction";
import type { Questionnaire } from "~/intake/questionnaire";

const filled = (v: unknown) => (typeof v === "string" ? v.trim() !== "" : v != null);

/** The conviction's facts from the file, and the questionnaire's answer to fall back on for each. */
const FROM_ANSWERS: [field: string, answer: string][] = [
  ["offences", "offences"],
  ["courtName", "court"],
  ["offenceDate", "offenceDate"],
  ["convictionDate", "convictionDate"],
  ["plea", "plea"],
  ["sentence", "sentence"],
];

/**
 * The conviction as the draft application states it: what the file records (the assessment's
 * facts as the case was referred), each gap filled from the applicant's own account, and the
 * jurisdiction, when neither records it, as the court's name implies (a Scottish court: the
 * SCCRC). The file wins where both say something: the assessor checked it.
 */
export function convictionForApplication(
  conviction: Record<string, unknown>,
  answers: Questionnaire | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...conviction };
  for (const [field, answer] of FROM_ANSWERS)
    if (!filled(out[field]) && answers?.[answer]) out[field] = answers[answer];
  if (!filled(out.jurisdiction)) {
    const inferred = jurisdictionOfCourt(typeof out.courtName === "string" ? out.courtName : null);
    if (inferred) out.jurisdiction = inferred.jurisdiction;
  }
  return out;
}

/** The prisoner number a letter or application gives: the England and Wales one, or the other as written. */
export function prisonerNumberOf(a: {
  prisonerNumber: string | null;
  otherPrisonerNumber?: string | null;
}): string | null {
  return a.prisonerNumber || a.otherPrisonerNumber || null;
}

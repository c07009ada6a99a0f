import type { CASE_OUTCOMES, CASE_STAGES } from "~/db/schema/referrals";

/**
 * The steps a lead records on a case, each moving the case to a stage. Kept apart from the
 * server code so the page can label them.
 */
export const STAGE_STEPS = [
  "investigating",
  "application_drafted",
  "submitted",
  "acknowledged",
  "under_review",
  "provisional_statement",
  "review_decided",
  "appeal_hearing",
  "appeal_outcome",
  "concluded",
] as const;
export type StageStep = (typeof STAGE_STEPS)[number];

export const STEP_STAGE: Record<StageStep, (typeof CASE_STAGES)[number]> = {
  investigating: "investigating",
  application_drafted: "application_drafted",
  submitted: "submitted",
  acknowledged: "acknowledged",
  under_review: "under_review",
  provisional_statement: "provisional_statement",
  review_decided: "review_decided",
  appeal_hearing: "appeal",
  appeal_outcome: "appeal",
  concluded: "concluded",
};

export const STEP_LABELS: Record<StageStep, string> = {
  investigating: "Investigation started",
  application_drafted: "Application drafted",
  submitted: "Application submitted",
  acknowledged: "Application acknowledged",
  under_review: "Under review (case review manager named)",
  provisional_statement: "Provisional statement of reasons received",
  review_decided: "Review decision: referred or not referred",
  appeal_hearing: "Appeal hearing listed",
  appeal_outcome: "Appeal outcome",
  concluded: "Project concludes the claim",
};

/** How any recorded step reads: the lead's steps, and the closing and reopening of the case. */
export function stepLabel(step: string): string {
  if (step === "closed") return "Case closed";
  if (step === "reopened") return "Case reopened";
  return (STEP_LABELS as Record<string, string>)[step] ?? step;
}

export const REVIEW_BODIES = ["ccrc", "sccrc"] as const;
export const REVIEW_BODY_LABELS = { ccrc: "CCRC", sccrc: "SCCRC" } as const;
/** Days allowed for representations on a provisional statement of reasons, unless changed. */
export const REPRESENTATION_DAYS = { ccrc: 28, sccrc: 21 } as const;

export const DECISIONS = ["referred", "not_referred"] as const;
export const DECISION_LABELS = { referred: "Referred", not_referred: "Not referred" } as const;

export const APPEAL_OUTCOMES = ["quashed", "quashed_retrial", "dismissed"] as const;
export const APPEAL_OUTCOME_LABELS = {
  quashed: "Conviction quashed",
  quashed_retrial: "Conviction quashed, retrial ordered",
  dismissed: "Appeal dismissed",
} as const;

/** The project's conclusions on the claim: the outcomes the "concluded" step may record. */
export const CONCLUSIONS = ["claim_supported", "claim_not_supported", "inconclusive"] as const;

export const OUTCOME_LABELS: Record<(typeof CASE_OUTCOMES)[number], string> = {
  claim_supported: "Claim of innocence supported",
  claim_not_supported: "Claim of innocence not supported",
  inconclusive: "Inconclusive",
  handed_back: "Handed back",
  client_withdrew: "The client withdrew",
  client_died: "The client died",
};

export function addDays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

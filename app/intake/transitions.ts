import type { APPLICATION_STATES } from "~/db/schema/intake";

export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Record<ApplicationState, string> = {
  received: "Received",
  acknowledged: "Acknowledged",
  awaiting_information: "Awaiting information",
  ready_for_assessment: "Ready for assessment",
  under_assessment: "Under assessment",
  awaiting_referral: "Awaiting referral",
  referred: "Referred to a project",
  closed: "Closed",
};

export const CLOSED_REASONS = {
  eligible_referred: "Eligible and referred",
  ineligible: "Ineligible",
  withdrawn: "Withdrawn",
  duplicate: "Duplicate",
} as const;
export type ClosedReason = keyof typeof CLOSED_REASONS;

/**
 * The moves intake staff may make by hand. "Under assessment" and "awaiting referral" are
 * reached only through an assessment (app/eligibility/), and only closing as withdrawn or
 * duplicate belongs to intake.
 */
const ALLOWED: Record<ApplicationState, readonly ApplicationState[]> = {
  received: ["acknowledged", "awaiting_information", "ready_for_assessment", "closed"],
  acknowledged: ["awaiting_information", "ready_for_assessment", "closed"],
  awaiting_information: ["acknowledged", "ready_for_assessment", "closed"],
  ready_for_assessment: ["awaiting_information", "closed"],
  under_assessment: [],
  awaiting_referral: [],
  referred: [],
  closed: [],
};

export const INTAKE_CLOSED_REASONS: readonly ClosedReason[] = ["withdrawn", "duplicate"];

export function canMove(from: ApplicationState, to: ApplicationState): boolean {
  return ALLOWED[from].includes(to);
}

export function nextStates(from: ApplicationState): readonly ApplicationState[] {
  return ALLOWED[from];
}

import type { CASE_STAGES, OFFER_STATUSES } from "~/db/schema/referrals";

/** How a project's pages name an offer's status, a case's stage and a line's status. */
export const OFFER_STATUS_LABELS: Record<(typeof OFFER_STATUSES)[number], string> = {
  offered: "Waiting for your answer",
  accepted: "Accepted",
  declined: "Declined",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn by the network",
};

export const CASE_STAGE_LABELS: Record<(typeof CASE_STAGES)[number], string> = {
  open: "Accepted, not started",
  investigating: "Investigating",
  application_drafted: "Application drafted",
  submitted: "Application submitted",
  acknowledged: "Application acknowledged",
  under_review: "Under review",
  provisional_statement: "Provisional statement of reasons",
  review_decided: "Review decided",
  appeal: "Appeal",
  concluded: "Concluded",
  closed: "Closed",
  handed_back: "Handed back",
  withdrawn: "Withdrawn by the network",
  returned_on_closure: "Returned when the project closed",
};

export const LINE_STATUS_LABELS = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  abandoned: "Abandoned",
} as const;

export const LINE_RESULT_LABELS = {
  supports_innocence: "Supports innocence",
  supports_guilt: "Supports guilt",
  inconclusive: "Inconclusive",
} as const;

/** Whole days from `from` to `to` (ISO dates): negative when `to` is past. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "expires today", "expires in 1 day", "expired 3 days ago". */
export function expiryPhrase(today: string, expiresOn: string): string {
  const days = daysBetween(today, expiresOn);
  if (days === 0) return "expires today";
  if (days > 0) return `expires in ${days} day${days === 1 ? "" : "s"}`;
  return `expired ${-days} day${days === -1 ? "" : "s"} ago`;
}

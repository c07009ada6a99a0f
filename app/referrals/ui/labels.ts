import type { CASE_OUTCOMES, CASE_STAGES, OFFER_STATUSES } from "~/db/schema/referrals";

export const OFFER_STATUS_LABELS: Record<(typeof OFFER_STATUSES)[number], string> = {
  offered: "Waiting for the project's answer",
  accepted: "Accepted",
  declined: "Declined",
  lapsed: "Lapsed without an answer",
  withdrawn: "Withdrawn by the network",
};

export const CASE_STAGE_LABELS: Record<(typeof CASE_STAGES)[number], string> = {
  open: "Open",
  investigating: "Investigating",
  concluded: "Investigation concluded",
  submitted: "Submitted to the review body",
  closed: "Closed",
  handed_back: "Handed back to the network",
  withdrawn: "Referral withdrawn by the network",
  returned_on_closure: "Returned when the project closed",
};

export const CASE_OUTCOME_LABELS: Record<(typeof CASE_OUTCOMES)[number], string> = {
  claim_supported: "Claim supported",
  claim_not_supported: "Claim not supported",
  inconclusive: "Inconclusive",
};

import type { CASE_OUTCOMES, OFFER_STATUSES } from "~/db/schema/referrals";

export const OFFER_STATUS_LABELS: Record<(typeof OFFER_STATUSES)[number], string> = {
  offered: "Waiting for the project's answer",
  accepted: "Accepted",
  declined: "Declined",
  lapsed: "Lapsed without an answer",
  withdrawn: "Withdrawn by the network",
};

export { CASE_STAGE_LABELS } from "../project-labels";

export const CASE_OUTCOME_LABELS: Record<(typeof CASE_OUTCOMES)[number], string> = {
  claim_supported: "Claim supported",
  claim_not_supported: "Claim not supported",
  inconclusive: "Inconclusive",
  handed_back: "Closed: handed back",
  client_withdrew: "Closed: the client withdrew",
  client_died: "Closed: the client died",
};

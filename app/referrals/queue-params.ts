import { JURISDICTIONS } from "~/db/schema/eligibility";

/**
 * The referral queue's filters as they travel in the address (a GET form: bookmarkable and
 * usable without JavaScript). Unknown values are ignored rather than refused: every filter
 * is a choice from a list, so there is nothing typed to correct.
 */

export const QUEUE_VIEWS = ["waiting", "offered", "referred", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  waiting: "Waiting for an offer",
  offered: "Offered, waiting for the project's answer",
  referred: "Referred: with a project",
  all: "All of these",
};

export type Jurisdiction = (typeof JURISDICTIONS)[number];

export interface ReferralQueueFilters {
  view: QueueView;
  jurisdiction?: Jurisdiction;
  /** Only cases that came back from a project (handed back, withdrawn, the project closed). */
  returned: boolean;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

export function parseReferralQueueParams(params: URLSearchParams): ReferralQueueFilters {
  return {
    view: oneOf(params.get("view"), QUEUE_VIEWS) ?? "waiting",
    jurisdiction: oneOf(params.get("jurisdiction"), JURISDICTIONS),
    returned: params.get("returned") === "1",
  };
}

/** The referral queue shows at most this many rows, longest waiting first. */
export const QUEUE_LIMIT = 500;

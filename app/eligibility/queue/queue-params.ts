import { ASSESSMENT_STATUSES, JURISDICTIONS } from "~/db/schema/eligibility";
import { isId } from "~/shared/ids";
import { STATUS_LABELS } from "../rules";
import { OFFENCE_TYPE_KEYS, type OffenceType } from "../schemas";

/**
 * The assessment queue's filters as they travel in the address (a GET form: bookmarkable,
 * shareable, and usable without JavaScript), and how they are read back.
 */

/** Where an item of the queue stands: not yet taken, or its open assessment's status. */
export const QUEUE_STATUSES = [
  "not_started",
  "chase_due",
  ...ASSESSMENT_STATUSES.filter((s) => s !== "decided"),
] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const QUEUE_STATUS_LABELS: Record<QueueStatus, string> = {
  not_started: "Not started",
  chase_due: "Information overdue",
  draft: STATUS_LABELS.draft,
  in_review: STATUS_LABELS.in_review,
  returned: STATUS_LABELS.returned,
  agreed: STATUS_LABELS.agreed,
};

export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const PAGE_SIZE = 50;
/** Applications older than this many days at most, for the age filter (about 10 years). */
export const MAX_AGE_DAYS = 3650;

export interface AssessmentQueueFilters {
  urgent?: boolean;
  /** Received more than this many days ago. */
  olderThanDays?: number;
  /** An assessor's id, or "none" for items nobody is assessing yet. */
  assignee?: string;
  jurisdiction?: Jurisdiction;
  offenceType?: OffenceType;
  /** Only recommendations waiting for a second reviewer. */
  reviewNeeded?: boolean;
  status?: QueueStatus;
}

export interface AssessmentQueueRequest {
  filters: AssessmentQueueFilters;
  page: number;
}

export interface QueueParamError {
  field: string;
  message: string;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * Reads the queue's address. Unknown choices are ignored; an age that is not a whole number
 * of days is reported, so the form can say what was wrong instead of silently showing all.
 */
export function parseAssessmentQueueParams(params: URLSearchParams): {
  request: AssessmentQueueRequest;
  errors: QueueParamError[];
} {
  const errors: QueueParamError[] = [];
  const ageText = params.get("olderThan")?.trim() ?? "";
  let olderThanDays: number | undefined;
  if (ageText) {
    const n = /^\d{1,5}$/.test(ageText) ? Number(ageText) : Number.NaN;
    if (Number.isInteger(n) && n >= 0 && n <= MAX_AGE_DAYS) olderThanDays = n;
    else
      errors.push({
        field: "olderThan",
        message: `Give the age as a whole number of days from 0 to ${MAX_AGE_DAYS}, like 30`,
      });
  }
  const assignee = params.get("assignee")?.trim();
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    request: {
      filters: {
        urgent: params.get("urgent") === "1",
        olderThanDays,
        assignee: assignee && (assignee === "none" || isId(assignee)) ? assignee : undefined,
        jurisdiction: oneOf(params.get("jurisdiction"), JURISDICTIONS),
        offenceType: oneOf(params.get("offenceType"), OFFENCE_TYPE_KEYS),
        reviewNeeded: params.get("review") === "1",
        status: oneOf(params.get("status"), QUEUE_STATUSES),
      },
      page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
    },
    errors,
  };
}

/** The address of the queue with these filters (and, optionally, a page). */
export function assessmentQueueSearch(f: AssessmentQueueFilters, page = 1): string {
  const p = new URLSearchParams();
  const set = (name: string, value: string | undefined) => {
    if (value) p.set(name, value);
  };
  set("urgent", f.urgent ? "1" : undefined);
  set("olderThan", f.olderThanDays !== undefined ? String(f.olderThanDays) : undefined);
  set("assignee", f.assignee);
  set("jurisdiction", f.jurisdiction);
  set("offenceType", f.offenceType);
  set("review", f.reviewNeeded ? "1" : undefined);
  set("status", f.status);
  set("page", page > 1 ? String(page) : undefined);
  const s = p.toString();
  return s ? `?${s}` : "";
}

import { CASE_STAGES } from "~/db/schema/referrals";
import { isId } from "~/shared/ids";

/**
 * The cases list's filters as they travel in the address (a GET form: bookmarkable and usable
 * without JavaScript). Unknown or malformed values are ignored, as on the other queues.
 */

export const CASE_STATUSES = ["open", "closed", "left", "all"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: "Open",
  closed: "Closed by the project",
  left: "No longer with the project (handed back, withdrawn, project closed)",
  all: "All cases",
};

export const DEADLINE_WINDOWS = ["overdue", "7", "14", "30"] as const;
export type DeadlineWindow = (typeof DEADLINE_WINDOWS)[number];

export const DEADLINE_WINDOW_LABELS: Record<DeadlineWindow, string> = {
  overdue: "Overdue",
  "7": "Within 7 days (or overdue)",
  "14": "Within 14 days (or overdue)",
  "30": "Within 30 days (or overdue)",
};

/** Quiet means no recorded work for at least this many days; more than ten years is ignored. */
export const MAX_QUIET_DAYS = 3650;

export type CaseStage = (typeof CASE_STAGES)[number];

export interface CaseListFilters {
  status: CaseStatus;
  stage?: CaseStage;
  /** A member of the case's team today. */
  memberId?: string;
  deadline?: DeadlineWindow;
  /** No activity for at least this many days. */
  quietDays?: number;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function days(value: string | null): number | undefined {
  if (!value || !/^\d{1,4}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= MAX_QUIET_DAYS ? n : undefined;
}

export function parseCaseListParams(params: URLSearchParams): CaseListFilters {
  const member = params.get("member");
  return {
    status: oneOf(params.get("status"), CASE_STATUSES) ?? "open",
    stage: oneOf(params.get("stage"), CASE_STAGES),
    memberId: member && isId(member) ? member : undefined,
    deadline: oneOf(params.get("deadline"), DEADLINE_WINDOWS),
    quietDays: days(params.get("quiet")),
  };
}

/** The list shows at most this many cases. */
export const CASE_LIST_LIMIT = 500;

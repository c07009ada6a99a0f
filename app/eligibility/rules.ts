import type { ANSWERS, ASSESSMENT_STATUSES, RECOMMENDATIONS } from "~/db/schema/eligibility";

/**
 * The decision rules of an eligibility assessment, as plain functions: what must be
 * answered before a recommendation, when a second reviewer is needed, who may review,
 * and when an application is urgent. The server functions (assessments.server.ts) and the
 * pages both ask these; nothing else decides them.
 */
export type Answer = (typeof ANSWERS)[number];
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ANSWER_LABELS: Record<Answer, string> = { yes: "Yes", no: "No", unclear: "Unclear" };

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  eligible: "Eligible",
  ineligible: "Ineligible",
  more_information: "Need more information",
  withdrawn: "Withdrawn",
};

export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: "Draft",
  in_review: "Waiting for review",
  returned: "Returned by the reviewer",
  agreed: "Ready to record the decision",
  decided: "Decided",
};

/** Flags that change how an application is handled. */
export const FLAGS = {
  appeal_window_open: "Appeal window still open (within 28 days of conviction or sentence)",
  appeal_pending: "Appeal pending",
  legally_represented: "Already legally represented",
  review_in_progress: "CCRC or SCCRC application in progress",
  in_custody: "In custody",
  at_liberty: "At liberty",
  vulnerable: "Vulnerable applicant",
} as const;
export type Flag = keyof typeof FLAGS;
export const FLAG_KEYS = Object.keys(FLAGS) as Flag[];

/** Notice of appeal is due within 28 days of conviction or sentence. */
export const APPEAL_WINDOW_DAYS = 28;

/** The last day an appeal can be lodged in time, from the later of conviction and sentence. */
export function appealWindowEnds(dates: {
  convictionDate?: string | null;
  sentenceDate?: string | null;
}): string | null {
  const latest = [dates.convictionDate, dates.sentenceDate]
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1);
  if (!latest) return null;
  const end = new Date(`${latest}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + APPEAL_WINDOW_DAYS);
  return end.toISOString().slice(0, 10);
}

/**
 * Urgent: the appeal window is open (flagged by the assessor, or the conviction or sentence
 * is within the last 28 days). The applicant needs a solicitor now, not a project in months.
 */
export function isUrgent(
  a: { flags?: readonly string[]; convictionDate?: string | null; sentenceDate?: string | null },
  today: string,
): boolean {
  if (a.flags?.includes("appeal_window_open")) return true;
  const ends = appealWindowEnds(a);
  return ends !== null && ends >= today;
}

/** What a recommendation needs, as the assessor has it so far. */
export interface AssessmentForRules {
  couldBeInnocent: Answer | null;
  couldBeInnocentReasons: string | null;
  canBeInvestigated: Answer | null;
  canBeInvestigatedReasons: string | null;
  lineCount: number;
}

export interface RecommendationInput {
  recommendation: Recommendation;
  ineligibleReasons: readonly string[];
  informationRequested?: string | null;
  chaseOn?: string | null;
}

/** One thing missing, with the field it belongs to so the page can put the message there. */
export interface Missing {
  field: string;
  message: string;
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/**
 * Everything that stops this recommendation being made, in the order of the form. An empty
 * list means it can be made. Eligible and ineligible need both questions answered with
 * reasons; eligible needs a line of investigation; ineligible needs a reason from the list;
 * more information needs what is asked for and when to chase. Withdrawn needs none.
 */
export function missingForRecommendation(a: AssessmentForRules, r: RecommendationInput): Missing[] {
  return [...missingOnAssessment(a, r.recommendation), ...missingOnForm(r)];
}

/** What the recommendation needs from the assessment itself (answered on the assessment page). */
export function missingOnAssessment(
  a: AssessmentForRules,
  recommendation: Recommendation,
): Missing[] {
  const missing: Missing[] = [];
  if (recommendation === "eligible" || recommendation === "ineligible") {
    if (!a.couldBeInnocent)
      missing.push({
        field: "couldBeInnocent",
        message: "Answer question 1: could the applicant be innocent?",
      });
    if (blank(a.couldBeInnocentReasons))
      missing.push({
        field: "couldBeInnocentReasons",
        message: "Give the reasons for the answer to question 1",
      });
    if (!a.canBeInvestigated)
      missing.push({
        field: "canBeInvestigated",
        message: "Answer question 2: can anything be done to find out?",
      });
    if (blank(a.canBeInvestigatedReasons))
      missing.push({
        field: "canBeInvestigatedReasons",
        message: "Give the reasons for the answer to question 2",
      });
  }
  if (recommendation === "eligible") {
    if (a.couldBeInnocent === "no")
      missing.push({
        field: "couldBeInnocent",
        message: "An eligible application needs question 1 answered yes or unclear, not no",
      });
    if (a.canBeInvestigated === "no")
      missing.push({
        field: "canBeInvestigated",
        message: "An eligible application needs question 2 answered yes or unclear, not no",
      });
    if (a.lineCount === 0)
      missing.push({
        field: "lines",
        message: "Add at least one line of investigation for an eligible application",
      });
  }
  return missing;
}

/** What the recommendation needs from its own form: the reasons, or what is asked for and by when. */
export function missingOnForm(r: RecommendationInput): Missing[] {
  const missing: Missing[] = [];
  if (r.recommendation === "ineligible" && r.ineligibleReasons.length === 0)
    missing.push({
      field: "ineligibleReasons",
      message: "Choose at least one reason it is ineligible",
    });
  if (r.recommendation === "more_information") {
    if (blank(r.informationRequested))
      missing.push({
        field: "informationRequested",
        message: "Say what information the applicant is asked for",
      });
    if (!r.chaseOn)
      missing.push({ field: "chaseOn", message: "Give the date to chase if nothing arrives" });
  }
  return missing;
}

/** The applicant is given four weeks to send more information. */
export const CHASE_AFTER_DAYS = 28;

/** The chase date the form offers: the one saved if it is still ahead, else four weeks on. */
export function defaultChaseOn(saved: string | null, today: string): string {
  if (saved && saved > today) return saved;
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + CHASE_AFTER_DAYS);
  return d.toISOString().slice(0, 10);
}

/** Why this user cannot make the recommendation now, or null if they can. */
export type RecommendationRefusal =
  | "not_assessor"
  | Exclude<AssessmentStatus, "draft" | "returned">;

/**
 * Only the assessor it is assigned to makes the recommendation, and only while the answers
 * can still be changed (draft, or returned by the reviewer).
 */
export function recommendationRefusal(
  viewerId: string,
  a: { assessorId: string | null; status: AssessmentStatus },
): RecommendationRefusal | null {
  if (a.assessorId !== viewerId) return "not_assessor";
  if (a.status === "draft" || a.status === "returned") return null;
  return a.status;
}

/**
 * Whether a recommendation goes to a second reviewer: an ineligible one when any of its
 * reasons requires review (the default for every reason), an eligible one when the network's
 * setting says so. "More information" and "withdrawn" are not reviewed.
 */
export function needsReview(
  r: Pick<RecommendationInput, "recommendation" | "ineligibleReasons">,
  policy: { reasonsRequiringReview: ReadonlySet<string>; eligibleRequiresReview: boolean },
): boolean {
  if (r.recommendation === "ineligible")
    return r.ineligibleReasons.some((key) => policy.reasonsRequiringReview.has(key));
  if (r.recommendation === "eligible") return policy.eligibleRequiresReview;
  return false;
}

/** Why this user may not review this recommendation, or null if they may. */
export function reviewRefusal(
  reviewerId: string,
  a: { status: AssessmentStatus; recommendedBy: string | null; assessorId: string | null },
): string | null {
  if (a.status !== "in_review") return "This assessment is not waiting for a review.";
  if (reviewerId === a.recommendedBy || reviewerId === a.assessorId)
    return "You cannot review your own recommendation: another assessor must review it.";
  return null;
}

/** Which statuses still let the assessor change the answers. */
export function isEditable(status: AssessmentStatus): boolean {
  return status === "draft" || status === "returned";
}

/** Whether the decision can be recorded now (no review needed, or the reviewer agreed). */
export function decisionRefusal(a: {
  status: AssessmentStatus;
  recommendation: Recommendation | null;
}): string | null {
  if (!a.recommendation) return "Make a recommendation before recording the decision.";
  if (a.status === "in_review") return "The recommendation is waiting for a second reviewer.";
  if (a.status === "returned")
    return "The reviewer returned this recommendation: revise it and recommend again.";
  if (a.status === "decided") return "The decision has already been recorded.";
  if (a.status !== "agreed") return "Make a recommendation before recording the decision.";
  return null;
}

/** Only a recorded decision can be reconsidered, and only the latest one. */
export function reconsiderationRefusal(a: {
  status: AssessmentStatus;
  isLatest: boolean;
}): string | null {
  if (a.status !== "decided") return "Only a recorded decision can be reconsidered.";
  if (!a.isLatest) return "A later assessment of this application exists: reconsider that one.";
  return null;
}

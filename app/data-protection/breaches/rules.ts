/**
 * The rules of the personal data breach register (UK GDPR Art 33–34): the ICO must be told
 * within 72 hours of the organisation becoming aware, unless the breach is unlikely to result
 * in a risk to people; the people affected are told without undue delay when the risk is high;
 * every breach is recorded, reported or not.
 */
export const ICO_HOURS = 72;

export interface BreachFacts {
  discoveredAt: Date;
  risk: "unlikely" | "risk" | "high" | null;
  decision: "undecided" | "report" | "not_reported";
  decisionReasons: string | null;
  reportedToIcoAt: Date | null;
  whoWasTold: string;
  closedAt: Date | null;
}

export function icoDeadline(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + ICO_HOURS * 3_600_000);
}

export type DeadlineState =
  | { kind: "reported"; at: Date; late: boolean }
  | { kind: "not_reported" }
  | { kind: "open"; deadline: Date; hoursLeft: number; minutesLeft: number }
  | { kind: "overdue"; deadline: Date; hoursOver: number };

/** Where the 72 hours stand: reported (in time or late), decided not to report, running or past. */
export function deadlineState(b: BreachFacts, now: Date): DeadlineState {
  const deadline = icoDeadline(b.discoveredAt);
  if (b.reportedToIcoAt)
    return { kind: "reported", at: b.reportedToIcoAt, late: b.reportedToIcoAt > deadline };
  if (b.decision === "not_reported") return { kind: "not_reported" };
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return { kind: "overdue", deadline, hoursOver: Math.floor(-ms / 3_600_000) };
  return {
    kind: "open",
    deadline,
    hoursLeft: Math.floor(ms / 3_600_000),
    minutesLeft: Math.floor((ms % 3_600_000) / 60_000),
  };
}

/** "41 hours 12 minutes left", "5 hours overdue", "reported 2 hours late". */
export function describeDeadline(state: DeadlineState): string {
  switch (state.kind) {
    case "reported":
      return state.late ? "Reported to the ICO after the 72 hours" : "Reported to the ICO in time";
    case "not_reported":
      return "Decided not to report to the ICO";
    case "open":
      return `${state.hoursLeft} hours ${state.minutesLeft} minutes left to tell the ICO`;
    case "overdue":
      return `The 72 hours to tell the ICO ended ${state.hoursOver} hours ago`;
  }
}

/** What a decision lacks: the reasons are always written down; a high risk means people are told. */
export function decisionProblems(b: Omit<BreachFacts, "closedAt" | "discoveredAt">): {
  field: string;
  message: string;
}[] {
  const problems: { field: string; message: string }[] = [];
  if (b.decision === "undecided") return problems;
  if (!b.risk)
    problems.push({ field: "risk", message: "Say how likely the breach is to harm people" });
  if (!b.decisionReasons?.trim())
    problems.push({ field: "decisionReasons", message: "Write down the reasons for the decision" });
  if (b.decision === "not_reported" && b.risk && b.risk !== "unlikely")
    problems.push({
      field: "decision",
      message: "A breach likely to harm people must be reported to the ICO",
    });
  if (b.risk === "high" && !b.whoWasTold.trim())
    problems.push({
      field: "whoWasTold",
      message: "When the risk is high, the people affected must be told: say who was told and when",
    });
  return problems;
}

/** A breach is closed only once decided, and, if it is to be reported, once it has been. */
export function closeRefusal(b: BreachFacts): string | null {
  if (b.closedAt) return "This breach is already closed.";
  if (b.decision === "undecided") return "Decide whether to report the breach before closing it.";
  if (b.decision === "report" && !b.reportedToIcoAt)
    return "Record when the breach was reported to the ICO before closing it.";
  return null;
}

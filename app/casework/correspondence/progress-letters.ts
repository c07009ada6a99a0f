/** Progress letters to the client: every 3 months unless the project says otherwise. */
export const PROGRESS_LETTER_MONTHS = 3;
/** How many days before it is due the case starts saying so. */
export const PROGRESS_LETTER_WARNING_DAYS = 14;

import { addMonths } from "~/shared/dates";

export { addMonths };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ProgressLetterStatus =
  | { state: "scheduled"; dueOn: string; days: number }
  | { state: "due_soon"; dueOn: string; days: number }
  | { state: "due_today"; dueOn: string; days: 0 }
  | { state: "overdue"; dueOn: string; days: number };

/**
 * When the next progress letter is due and whether that is soon, today or past. A case with
 * no date yet is due 3 months after it was accepted.
 */
export function progressLetterStatus(
  nextProgressLetterOn: string | null,
  acceptedOn: string,
  today: string,
): ProgressLetterStatus {
  const dueOn = nextProgressLetterOn ?? addMonths(acceptedOn, PROGRESS_LETTER_MONTHS);
  const days = daysBetween(today, dueOn);
  if (days < 0) return { state: "overdue", dueOn, days: -days };
  if (days === 0) return { state: "due_today", dueOn, days: 0 };
  if (days <= PROGRESS_LETTER_WARNING_DAYS) return { state: "due_soon", dueOn, days };
  return { state: "scheduled", dueOn, days };
}

/** The sentence a page shows about it. */
export function progressLetterMessage(s: ProgressLetterStatus): string {
  switch (s.state) {
    case "overdue":
      return `The progress letter to the client is overdue: it was due on ${s.dueOn} (${s.days} day${s.days === 1 ? "" : "s"} ago).`;
    case "due_today":
      return `The progress letter to the client is due today (${s.dueOn}).`;
    case "due_soon":
      return `The progress letter to the client is due on ${s.dueOn}, in ${s.days} day${s.days === 1 ? "" : "s"}.`;
    default:
      return `The next progress letter to the client is due on ${s.dueOn}.`;
  }
}

import type { Notice } from "~/referrals/notify.server";

/** What a reminder is about: a stage step's deadline, the progress letter or the annual report. */
export type ReminderKind = "deadline" | "progress_letter" | "annual_report";

/** A deadline of an active case that is coming up or has passed. */
export interface DueDeadline {
  caseId: string;
  organisationId: string;
  reference: string;
  kind: ReminderKind;
  /** The day it is due (YYYY-MM-DD). */
  on: string;
  what: string;
}

const WHERE: Record<ReminderKind, { page: string; act: string }> = {
  deadline: { page: "/stages", act: "The case's stages page has the step that set it." },
  progress_letter: {
    page: "/progress-letter",
    act: "The case's progress letter page drafts it from the case's record for a lead to check and file as sent.",
  },
  annual_report: { page: "", act: "Send the network the case's annual report from the case page." },
};

/** When it is due, as a reminder says it: "is due on …", "is due today, …" or "was due on …". */
export function dueWording(on: string, day: string): string {
  if (on < day) return `was due on ${on}`;
  if (on === day) return `is due today, ${on}`;
  return `is due on ${on}`;
}

/**
 * The reminder a case's team and leads receive about one deadline, in the app and by e-mail:
 * it names the case by its reference only (never the client) and links to the page where
 * the work is done.
 */
export function reminderNotice(deadline: DueDeadline, day: string): Notice {
  const when = dueWording(deadline.on, day);
  const where = WHERE[deadline.kind];
  const overdue = deadline.on < day;
  return {
    title: `${overdue ? "Overdue" : "Reminder"}: ${deadline.what} for ${deadline.reference} ${when}`,
    body: `${deadline.what} for case ${deadline.reference} ${when}${overdue ? " and has not been done" : ""}. ${where.act}`,
    link: `/cases/${deadline.caseId}${where.page}`,
  };
}

import { addDays } from "~/shared/dates";

/**
 * The rules of the year-end roll-over (docs/decisions/031-year-end-roll-over.md): who leaves a
 * case at the end of the academic year, whether they have written their hand-over note, and
 * what they are asked. Dates are ISO strings; a team row's end date is the first day its
 * member is off the case.
 */

/** The first line of a case note that is its author's hand-over note. */
export const HANDOVER_NOTE_HEADING = "Hand-over note";

/** What the task set by "Ask for hand-over notes" asks; the same text marks it as that task. */
export const HANDOVER_TASK_WHAT =
  "Write your hand-over note on this case's Hand-over page before you leave the case.";

/** A hand-over note as it is kept among the case notes: the heading, then the text. */
export function handoverNoteBody(text: string): string {
  return `${HANDOVER_NOTE_HEADING}\n\n${text.trim()}`;
}

/** Whether a case note is a hand-over note (its first line is the heading). */
export function isHandoverNote(body: string): boolean {
  return body.split("\n", 1)[0]?.trim().toLowerCase() === HANDOVER_NOTE_HEADING.toLowerCase();
}

/** The text of a hand-over note without its heading. */
export function handoverNoteText(body: string): string {
  return isHandoverNote(body) ? body.slice(body.indexOf("\n") + 1).trim() : body.trim();
}

/**
 * The first day of the academic year that ends on `yearEnd`: a year before it. A hand-over
 * note written before then was for an earlier hand-over.
 */
export function academicYearStart(yearEnd: string): string {
  const year = Number(yearEnd.slice(0, 4)) - 1;
  const candidate = `${String(year).padStart(4, "0")}${yearEnd.slice(4)}`;
  // 29 February has no twin a year earlier: the year starts on 1 March.
  return candidate.endsWith("-02-29") ? `${candidate.slice(0, 4)}-03-01` : candidate;
}

export interface TeamPlace {
  startsOn: string;
  endsOn: string | null;
}

/** Still on the case or yet to join it on `today` (not already gone). */
export function isOnOrComing(m: TeamPlace, today: string): boolean {
  return m.endsOn === null || m.endsOn > today;
}

/**
 * Leaves the case by the end of the year: on it now (or joining), with an end date on or
 * before `yearEnd`. Someone with no end date, or one after it, stays on.
 */
export function isOutgoing(m: TeamPlace, yearEnd: string, today: string): boolean {
  return isOnOrComing(m, today) && m.endsOn !== null && m.endsOn <= yearEnd;
}

export interface NoteByAuthor {
  authorId: string;
  body: string;
  /** The day it was written (ISO). */
  writtenOn: string;
}

/** Whether `userId` has written a hand-over note on the case for the year ending `yearEnd`. */
export function hasWrittenHandoverNote(
  userId: string,
  notes: readonly NoteByAuthor[],
  yearEnd: string,
): boolean {
  const since = academicYearStart(yearEnd);
  return notes.some((n) => n.authorId === userId && n.writtenOn >= since && isHandoverNote(n.body));
}

/** A member's last day on the case: the day before their end date. */
export function lastDayOn(endsOn: string): string {
  return addDays(endsOn, -1);
}

/** The due date of the task asking for a note: the member's last day, never before today. */
export function handoverDueOn(endsOn: string, today: string): string {
  const last = lastDayOn(endsOn);
  return last < today ? today : last;
}

export interface AskedCase {
  reference: string;
  clientName: string;
  caseId: string;
  lastDay: string;
}

/** The e-mail to one outgoing member, listing each case whose hand-over note is missing. */
export function handoverRequestEmail(
  name: string,
  leadName: string,
  cases: readonly AskedCase[],
  publicUrl: string,
): { subject: string; text: string } {
  const list = cases
    .map(
      (c) =>
        `- ${c.reference} (${c.clientName}), your last day on it ${c.lastDay}: ${publicUrl}/cases/${c.caseId}/handover`,
    )
    .join("\n");
  return {
    subject:
      cases.length === 1
        ? `Please write your hand-over note for ${cases[0]?.reference}`
        : `Please write your hand-over notes for ${cases.length} cases`,
    text: [
      `Hello ${name},`,
      "",
      `${leadName} asks you to write a hand-over note before you leave ${
        cases.length === 1 ? "this case" : "these cases"
      }: where the case stands, what you were doing, and what the next team should do first.`,
      "",
      list,
      "",
      "Write it on each case's Hand-over page. It is also on your list of tasks.",
    ].join("\n"),
  };
}

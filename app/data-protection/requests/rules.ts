import { addMonths, isRealDate } from "~/shared/dates";

/**
 * The deadlines of a subject request (UK GDPR Art 12(3), as the ICO reads it): one calendar
 * month from the day it was received — the same date next month, or the last day of that
 * month when it has no such date — extendable by up to two further months for a complex or
 * numerous request, with the reasons written to the requester. Pure: every function takes
 * the day it is asked about.
 */

/** The request is still being worked on. */
export const OPEN_STATUSES = ["open", "extended"] as const;

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** The officer is reminded this many days before the request is due. */
export const REMINDER_DAYS = 7;

/** The same date `months` calendar months on, or the last day of that month if it has none. */
export function addCalendarMonths(day: string, months: number): string {
  if (!isRealDate(day)) throw new Error(`not a date: ${day}`);
  return addMonths(day, months);
}

/** The day a request received on `receivedOn` must be answered by. */
export function dueDate(receivedOn: string): string {
  return addCalendarMonths(receivedOn, 1);
}

/** The latest an extension may move the deadline to: two further months. */
export function latestExtension(receivedOn: string): string {
  return addCalendarMonths(receivedOn, 3);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Deadline {
  status: string;
  dueOn: string;
  extendedTo: string | null;
}

/** The day the request must be answered by now: the extended date when there is one. */
export function effectiveDue(request: Pick<Deadline, "dueOn" | "extendedTo">): string {
  return request.extendedTo ?? request.dueOn;
}

/** An open request past its day. */
export function isOverdue(request: Deadline, day: string): boolean {
  return isOpen(request.status) && day > effectiveDue(request);
}

/**
 * Why an extension to `extendTo` cannot be made, or null when it can: the request must be
 * open and not extended already, and the new date later than the due date and no later than
 * three calendar months from receipt.
 */
export function whyNotExtendable(
  request: Deadline & { receivedOn: string },
  extendTo: string,
): string | null {
  if (!isOpen(request.status)) return "The request is closed.";
  if (request.extendedTo) return `The request was already extended to ${request.extendedTo}.`;
  if (extendTo <= request.dueOn) return `The new date must be after ${request.dueOn}.`;
  const latest = latestExtension(request.receivedOn);
  if (extendTo > latest)
    return `The deadline can be extended by at most two further months, to ${latest}.`;
  return null;
}

export type Reminder = "due_soon" | "overdue";

/**
 * The reminder an open request needs on `day`, once each: "due soon" within REMINDER_DAYS
 * of its day, "overdue" once past it. `remindedOn` is the day of the last reminder: one sent
 * after the due day was the overdue reminder; one sent before it (or none) leaves it to send.
 */
export function reminderDue(
  request: Deadline & { remindedOn: string | null },
  day: string,
): Reminder | null {
  if (!isOpen(request.status)) return null;
  const due = effectiveDue(request);
  if (day > due) {
    return request.remindedOn !== null && request.remindedOn > due ? null : "overdue";
  }
  if (daysBetween(day, due) > REMINDER_DAYS) return null;
  // Reminded since the due date was last set less than a reminder window ago: sent already.
  return request.remindedOn !== null && daysBetween(request.remindedOn, due) <= REMINDER_DAYS
    ? null
    : "due_soon";
}

/** DSR-2026-0001: the organisation's requests numbered per year. */
export function requestReference(year: number, sequence: number): string {
  return `DSR-${year}-${String(sequence).padStart(4, "0")}`;
}

const PRISONER_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;

export interface SearchTerms {
  names: string[];
  datesOfBirth: string[];
  prisonerNumbers: string[];
}

/** Names shorter than this would find everyone; they are not searched for. */
export const MIN_NAME_LENGTH = 3;

/**
 * What to look for: the person's name and the other names, dates of birth and prisoner
 * numbers written in the request's details (one to a line or comma-separated), with the
 * applicant record's own when the request is linked to one.
 */
export function searchTerms(
  personName: string,
  personDetails: string,
  applicant?: {
    fullName: string;
    aliases: string[];
    dateOfBirth: string | null;
    prisonerNumber: string | null;
  } | null,
): SearchTerms {
  const names = new Set<string>();
  const dates = new Set<string>();
  const numbers = new Set<string>();
  const addName = (n: string) => {
    const clean = n.replace(/\s+/g, " ").trim();
    if (clean.length >= MIN_NAME_LENGTH) names.add(clean);
  };
  addName(personName);
  for (const raw of personDetails.split(/[\n,;]/)) {
    const part = raw.replace(/^[^:]{0,30}:\s*/, "").trim();
    if (!part) continue;
    if (isRealDate(part)) dates.add(part);
    else if (PRISONER_NUMBER.test(part.toUpperCase().replace(/\s/g, "")))
      numbers.add(part.toUpperCase().replace(/\s/g, ""));
    else addName(part);
  }
  if (applicant) {
    addName(applicant.fullName);
    for (const a of applicant.aliases) addName(a);
    if (applicant.dateOfBirth) dates.add(applicant.dateOfBirth);
    if (applicant.prisonerNumber) numbers.add(applicant.prisonerNumber);
  }
  return { names: [...names], datesOfBirth: [...dates], prisonerNumbers: [...numbers] };
}

/** What redaction is done by: the words that replace a removed passage in the released copy. */
export const REDACTED = "[redacted]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The released text: every occurrence of each passage (any case, any run of spaces) is
 * removed and REDACTED put in its place. The removed words are not in the result at all.
 */
export function redactText(text: string, passages: readonly string[]): string {
  let out = text;
  for (const passage of passages) {
    const words = passage.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const pattern = new RegExp(words.map(escapeRegExp).join("\\s+"), "giu");
    out = out.replace(pattern, REDACTED);
  }
  return out;
}

/** Every string in a record (its fields, nested), with the passages removed. */
export function redactValue<T>(value: T, passages: readonly string[]): T {
  if (passages.length === 0) return value;
  if (typeof value === "string") return redactText(value, passages) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, passages)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, passages)]),
    ) as T;
  return value;
}

/** Passages typed one to a line, as the review form takes them. */
export function passagesOf(typed: string): string[] {
  return typed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
